/// A box of Unicode box-drawing lines around an area, with an optional title in the top line.
public struct Border: Sendable, Hashable {
    public var title: String?
    public var style: Style
    public var titleStyle: Style

    public init(title: String? = nil, style: Style = Style(.border), titleStyle: Style = Style(.title)) {
        self.title = title
        self.style = style
        self.titleStyle = titleStyle
    }

    /// The area inside a border drawn around `area`.
    public static func inner(of area: Rect) -> Rect {
        Rect(x: area.x + 1, y: area.y + 1, width: area.width - 2, height: area.height - 2)
    }

    /// Draws the lines (the inside is left as it is) and returns the inside.
    @discardableResult
    public func render(into buffer: inout Buffer, area: Rect) -> Rect {
        guard area.width >= 2, area.height >= 2 else { return Rect(x: area.x, y: area.y, width: 0, height: 0) }
        let horizontal = String(repeating: "─", count: area.width - 2)
        buffer.set(x: area.x, y: area.y, string: "┌" + horizontal + "┐", style: style)
        buffer.set(x: area.x, y: area.bottom - 1, string: "└" + horizontal + "┘", style: style)
        for y in (area.y + 1)..<(area.bottom - 1) {
            buffer.set(x: area.x, y: y, string: "│", style: style)
            buffer.set(x: area.right - 1, y: y, string: "│", style: style)
        }
        if let title, !title.isEmpty, area.width >= 6 {
            let text = " " + DisplayWidth.truncate(title, to: area.width - 6) + " "
            buffer.set(x: area.x + 2, y: area.y, string: text, style: style.patched(with: titleStyle))
        }
        return Border.inner(of: area)
    }
}
