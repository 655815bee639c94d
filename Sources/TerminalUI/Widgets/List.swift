/// A vertical list of one-line items with a highlighted selection; scroll and selection live in a
/// ``TableState`` (the same rules as a table without a header).
public struct List: Sendable, Hashable {
    /// One line: its text and style.
    public struct Item: Sendable, Hashable {
        public var text: String
        public var style: Style

        public init(_ text: String, style: Style = .plain) {
            self.text = text
            self.style = style
        }
    }

    public var items: [Item]
    public var selectedStyle: Style = Style(foreground: .role(.selectionText), background: .role(.selection))
    /// Drawn before the selected item (blank space before the others).
    public var highlightSymbol: String = "› "

    public init(_ items: [Item]) {
        self.items = items
    }

    public init(_ texts: [String]) {
        self.items = texts.map { Item($0) }
    }

    /// The item index at screen row `y` in `area`, if any.
    public func itemIndex(atY y: Int, in area: Rect, state: TableState) -> Int? {
        let range = state.visibleRange(visibleRows: area.height, rowCount: items.count)
        let index = range.lowerBound + (y - area.y)
        return y >= area.y && range.contains(index) ? index : nil
    }

    public func render(into buffer: inout Buffer, area: Rect, state: TableState) {
        guard !area.isEmpty else { return }
        let range = state.visibleRange(visibleRows: area.height, rowCount: items.count)
        let gutter = min(area.width, DisplayWidth.of(highlightSymbol))
        for (position, index) in range.enumerated() {
            let y = area.y + position
            let item = items[index]
            let isSelected = state.selected.map { min(max(0, $0), items.count - 1) } == index
            let style = isSelected ? item.style.patched(with: selectedStyle) : item.style
            if isSelected {
                buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: style)
                buffer.set(x: area.x, y: y, string: highlightSymbol, style: style, maxWidth: gutter)
            }
            buffer.set(x: area.x + gutter, y: y, string: DisplayWidth.truncate(item.text, to: area.width - gutter), style: style)
        }
    }
}
