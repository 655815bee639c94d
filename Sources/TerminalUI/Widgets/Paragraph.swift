/// Text wrapped to its area's width (see ``WrappedText``), aligned, scrolled by whole lines.
public struct Paragraph: Sendable, Hashable {
    public var text: String
    public var style: Style
    public var alignment: Alignment
    /// Wrapped lines skipped at the top.
    public var scroll: Int

    public init(_ text: String, style: Style = .plain, alignment: Alignment = .left, scroll: Int = 0) {
        self.text = text
        self.style = style
        self.alignment = alignment
        self.scroll = scroll
    }

    /// How many rows the text takes at `width` columns.
    public func lineCount(width: Int) -> Int {
        WrappedText.wrap(text, width: width).count
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let lines = WrappedText.wrap(text, width: area.width)
        let start = min(max(0, scroll), lines.count)
        for (row, line) in lines[start...].prefix(area.height).enumerated() {
            let offset = alignment.offset(textWidth: DisplayWidth.of(line), in: area.width)
            buffer.set(x: area.x + offset, y: area.y + row, string: line, style: style, maxWidth: area.width - offset)
        }
    }
}
