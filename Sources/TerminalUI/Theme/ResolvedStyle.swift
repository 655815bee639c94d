/// A ``Style`` with its roles looked up in a theme: what a backend turns into a colour pair and attributes.
public struct ResolvedStyle: Sendable, Hashable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var attributes: TextAttributes

    public init(foreground: TerminalColor, background: TerminalColor, attributes: TextAttributes) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

extension Theme {
    /// `style` in this theme at `depth`: a missing foreground is the `text` role, a missing
    /// background the `background` role; each role used adds its attributes. Explicit 256-colour
    /// indexes are approximated by the nearest of the 16 ANSI colours on 16-colour terminals; on
    /// 8-colour ones a bright colour is its base colour (in bold, for text; grey text is dim).
    ///
    /// Whatever the depth, emphasis never disappears: where the palette cannot express it (no
    /// colours, or text that would land on its own background colour) a highlighted background
    /// (selection, status bar, active tab) becomes reverse video and the text bold.
    public func resolve(_ style: Style, depth: ColorDepth) -> ResolvedStyle {
        var attributes = style.attributes
        func terminalColor(_ color: Color, isForeground: Bool) -> TerminalColor {
            let resolved: TerminalColor
            switch color {
            case .terminalDefault:
                return .terminalDefault
            case .role(let role):
                let entry = self[role]
                attributes.formUnion(entry.attributes)
                resolved = entry.color(at: depth)
            case .indexed(let index):
                switch depth {
                case .extended: return .index(index)
                case .sixteen, .eight: resolved = .index(Palette.nearestANSI(to: index))
                case .monochrome: return .terminalDefault
                }
            }
            guard depth == .eight, case .index(let index) = resolved, index >= 8 else { return resolved }
            if isForeground, index == 8 {
                // Grey text has no 8-colour form (bold black vanishes on dark screens): dim default text instead.
                attributes.insert(.dim)
                return .terminalDefault
            }
            if isForeground { attributes.insert(.bold) }
            return .index(index - 8)
        }
        var foreground = terminalColor(style.foreground ?? .role(.text), isForeground: true)
        var background = terminalColor(style.background ?? .role(.background), isForeground: false)
        if case .role(let role)? = style.background, role.isHighlight, depth == .monochrome || background == self[.background].color(at: depth) {
            attributes.formUnion([.reverse, .bold])
        }
        if foreground == background, foreground != .terminalDefault {
            // Text the colour of its own background: the terminal's colours, emphasised, instead.
            foreground = .terminalDefault
            background = .terminalDefault
            attributes.formUnion([.reverse, .bold])
        }
        return ResolvedStyle(foreground: foreground, background: background, attributes: attributes)
    }
}

/// The xterm 256-colour palette, for approximating explicit colours on 16-colour terminals.
enum Palette {
    static func rgb(_ index: UInt8) -> (Int, Int, Int) {
        let ansi: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        let value = Int(index)
        if value < 16 { return ansi[value] }
        if value >= 232 {
            let level = 8 + (value - 232) * 10
            return (level, level, level)
        }
        let cube = value - 16
        let steps = [0, 95, 135, 175, 215, 255]
        return (steps[cube / 36], steps[(cube / 6) % 6], steps[cube % 6])
    }

    static func nearestANSI(to index: UInt8) -> UInt8 {
        if index < 16 { return index }
        let (r, g, b) = rgb(index)
        var best: UInt8 = 0
        var bestDistance = Int.max
        for candidate in UInt8(0)..<16 {
            let (cr, cg, cb) = rgb(candidate)
            let distance = (r - cr) * (r - cr) + (g - cg) * (g - cg) + (b - cb) * (b - cb)
            if distance < bestDistance {
                bestDistance = distance
                best = candidate
            }
        }
        return best
    }
}
