import TerminalUI

/// One line of a scrolling text pane, made of differently styled pieces.
public struct StyledLine: Sendable, Equatable {
    public struct Span: Sendable, Equatable {
        public var text: String
        public var style: Style
        public init(_ text: String, _ style: Style = .plain) {
            self.text = text
            self.style = style
        }
    }

    public var spans: [Span]
    /// Whether the line holds the selected item (so a pane can scroll it into view).
    public var isSelection = false

    public init(_ spans: [Span]) { self.spans = spans }
    public init(_ text: String, _ style: Style = .plain) { self.spans = [Span(text, style)] }
    public static let blank = StyledLine([])

    /// `text` wrapped to `width`, every line in `style`, continuation lines indented like the first.
    public static func wrapped(_ text: String, width: Int, indent: Int = 0, style: Style = .plain) -> [StyledLine] {
        let pad = String(repeating: " ", count: indent)
        return WrappedText.wrap(text, width: max(1, width - indent)).map { StyledLine([Span(pad + $0, style)]) }
    }

    /// Draws `lines` from `scroll` on, one per row, clipped to `area`.
    public static func render(_ lines: [StyledLine], scroll: Int, into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let first = max(0, min(scroll, max(0, lines.count - 1)))
        for (row, line) in lines.dropFirst(first).prefix(area.height).enumerated() {
            var x = area.x
            for span in line.spans where x < area.right {
                x = buffer.set(x: x, y: area.y + row, string: span.text, style: span.style, maxWidth: area.right - x)
            }
        }
    }
}
