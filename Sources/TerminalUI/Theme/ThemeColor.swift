/// A colour the terminal understands: its default, or a palette index.
public enum TerminalColor: Sendable, Hashable {
    case terminalDefault
    case index(UInt8)
}

/// How many colours the terminal shows (from ncurses' `COLORS`, or none for `NO_COLOR`).
public enum ColorDepth: Sendable, Hashable {
    /// No colours at all: attributes only.
    case monochrome
    /// The 8 basic ANSI colours (`TERM=screen`, `TERM=xterm`): brights become bold.
    case eight
    /// The 16 ANSI colours.
    case sixteen
    /// The 256-colour palette.
    case extended

    /// The depth for a terminal reporting `colors` colours.
    public init(colors: Int) {
        self = colors >= 256 ? .extended : colors >= 16 ? .sixteen : colors >= 8 ? .eight : .monochrome
    }

    /// How many palette entries exist at this depth.
    public var paletteSize: Int {
        switch self {
        case .monochrome: 0
        case .eight: 8
        case .sixteen: 16
        case .extended: 256
        }
    }
}

/// What a theme says about one role: a 256-colour index, a 16-colour fallback, and attributes
/// added wherever the role is used (e.g. `reverse` for the selection in a monochrome theme).
public struct ThemeColor: Sendable, Hashable {
    public var color: TerminalColor
    public var fallback: TerminalColor
    public var attributes: TextAttributes

    public init(color: TerminalColor, fallback: TerminalColor, attributes: TextAttributes = []) {
        self.color = color
        self.fallback = fallback
        self.attributes = attributes
    }

    /// The colour to use at `depth`.
    public func color(at depth: ColorDepth) -> TerminalColor {
        switch depth {
        case .extended: return color
        case .sixteen, .eight: return fallback
        case .monochrome: return .terminalDefault
        }
    }
}
