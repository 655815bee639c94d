/// A centred box over the screen: border with a title, wrapped body text, optional rows reserved
/// for the caller (a quantity field), and an optional footer hint ("Enter confirm · Esc cancel").
public struct Modal: Sendable, Hashable {
    public var title: String
    public var body: String
    public var footer: String?
    /// Rows under the body kept empty for the caller to draw into (returned by ``render(into:area:)``).
    public var reservedRows: Int
    /// The box's preferred width including the border; it shrinks to fit the area.
    public var width: Int
    public var style: Style = Style(background: .role(.surface))
    public var borderStyle: Style = Style(.border)
    public var titleStyle: Style = Style(.title)
    public var footerStyle: Style = Style(.muted)

    public init(title: String, body: String, footer: String? = nil, reservedRows: Int = 0, width: Int = 60) {
        self.title = title
        self.body = body
        self.footer = footer
        self.reservedRows = max(0, reservedRows)
        self.width = width
    }

    /// The box's rectangle in `area`.
    public func rect(in area: Rect) -> Rect {
        let room = area.width > 22 ? area.width - 2 : area.width
        let width = min(self.width, room)
        let lines = WrappedText.wrap(body, width: max(0, width - 4)).count
        let height = 2 + lines + (reservedRows > 0 ? reservedRows + 1 : 0) + (footer == nil ? 0 : 2)
        return area.centered(width: width, height: height)
    }

    /// Where the reserved rows go when the modal is drawn in `area` (empty when none, or no room):
    /// what a caller sizes its content by before drawing.
    public func reservedArea(in area: Rect) -> Rect {
        let box = rect(in: area)
        guard box.width >= 2, box.height >= 2 else { return Rect(x: box.x, y: box.y, width: 0, height: 0) }
        let content = Border.inner(of: box).inset(horizontal: 1)
        let y = content.y + min(WrappedText.wrap(body, width: content.width).count, content.height)
        guard reservedRows > 0 else { return Rect(x: content.x, y: y, width: 0, height: 0) }
        return Rect(x: content.x, y: y + 1, width: content.width, height: min(reservedRows, max(0, content.bottom - y - 1)))
    }

    /// Draws the modal centred in `area` and returns the reserved rows' rectangle (empty when none).
    @discardableResult
    public func render(into buffer: inout Buffer, area: Rect) -> Rect {
        let box = rect(in: area)
        guard box.width >= 2, box.height >= 2 else { return Rect(x: box.x, y: box.y, width: 0, height: 0) }
        buffer.fill(box, style: style)
        let inside = Border(title: title, style: style.patched(with: borderStyle), titleStyle: titleStyle).render(into: &buffer, area: box)
        let content = inside.inset(horizontal: 1)
        let lines = WrappedText.wrap(body, width: content.width)
        var y = content.y
        for line in lines where y < content.bottom {
            buffer.set(x: content.x, y: y, string: line, style: style, maxWidth: content.width)
            y += 1
        }
        var reserved = Rect(x: content.x, y: y, width: 0, height: 0)
        if reservedRows > 0 {
            y += 1
            reserved = Rect(x: content.x, y: y, width: content.width, height: min(reservedRows, max(0, content.bottom - y)))
            y += reservedRows
        }
        if let footer, content.bottom - 1 > y {
            let text = DisplayWidth.truncate(footer, to: content.width)
            let offset = Alignment.right.offset(textWidth: DisplayWidth.of(text), in: content.width)
            buffer.set(x: content.x + offset, y: content.bottom - 1, string: text, style: style.patched(with: footerStyle))
        }
        return reserved
    }
}
