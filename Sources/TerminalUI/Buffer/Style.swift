/// How a cell looks: foreground and background colours (nil: the theme's `text` and `background`
/// roles, or whatever the style is patched onto) and attributes.
public struct Style: Sendable, Hashable {
    public var foreground: Color?
    public var background: Color?
    public var attributes: TextAttributes

    public init(foreground: Color? = nil, background: Color? = nil, attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// Shorthand for a style whose foreground is a theme role.
    public init(_ role: ColorRole, attributes: TextAttributes = []) {
        self.init(foreground: .role(role), attributes: attributes)
    }

    /// The default look: theme text on theme background.
    public static let plain = Style()

    /// This style with `other` laid over it: `other`'s colours where it has them, both sets of attributes.
    public func patched(with other: Style) -> Style {
        Style(
            foreground: other.foreground ?? foreground,
            background: other.background ?? background,
            attributes: attributes.union(other.attributes)
        )
    }

    public func foreground(_ color: Color) -> Style { with { $0.foreground = color } }
    public func background(_ color: Color) -> Style { with { $0.background = color } }
    public var bold: Style { with { $0.attributes.insert(.bold) } }
    public var dim: Style { with { $0.attributes.insert(.dim) } }
    public var underline: Style { with { $0.attributes.insert(.underline) } }
    public var reverse: Style { with { $0.attributes.insert(.reverse) } }
    public var italic: Style { with { $0.attributes.insert(.italic) } }

    private func with(_ change: (inout Style) -> Void) -> Style {
        var copy = self
        change(&copy)
        return copy
    }
}

/// Bold, dim, underline, reverse, italic.
public struct TextAttributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let dim = TextAttributes(rawValue: 1 << 1)
    public static let underline = TextAttributes(rawValue: 1 << 2)
    public static let reverse = TextAttributes(rawValue: 1 << 3)
    public static let italic = TextAttributes(rawValue: 1 << 4)

    /// Names as they appear in theme files, in a fixed order.
    public static let names: [(name: String, attribute: TextAttributes)] = [
        ("bold", .bold), ("dim", .dim), ("underline", .underline), ("reverse", .reverse), ("italic", .italic),
    ]
}
