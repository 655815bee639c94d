/// The tab bar: titles with optional badges (the cart's item count), the selected one highlighted,
/// separated by a thin line. Titles that do not fit are cut with "…".
public struct Tabs: Sendable, Hashable {
    /// One tab: its title and an optional badge drawn after it in the badge style.
    public struct Tab: Sendable, Hashable {
        public var title: String
        public var badge: String?

        public init(_ title: String, badge: String? = nil) {
            self.title = title
            self.badge = badge
        }
    }

    public var tabs: [Tab]
    public var selected: Int
    public var activeStyle: Style = Style(.tabActive)
    public var inactiveStyle: Style = Style(.tabInactive)
    public var badgeStyle: Style = Style(.badge)
    public var dividerStyle: Style = Style(.border)
    public var divider: String = "│"

    public init(_ tabs: [Tab], selected: Int) {
        self.tabs = tabs
        self.selected = selected
    }

    /// Where each tab is drawn in `area` (for mouse clicks); tabs that do not fit get empty rects.
    public func tabRects(in area: Rect) -> [Rect] {
        var rects: [Rect] = []
        var x = area.x
        for tab in tabs {
            let width = min(DisplayWidth.of(label(tab)) + 2, max(0, area.right - x))
            rects.append(Rect(x: x, y: area.y, width: width, height: min(1, area.height)))
            x += width + DisplayWidth.of(divider)
        }
        return rects
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        for (index, (tab, rect)) in zip(tabs, tabRects(in: area)).enumerated() {
            guard rect.width > 0 else { break }
            let style = index == selected ? activeStyle : inactiveStyle
            var x = buffer.set(x: rect.x, y: rect.y, string: " ", style: style, maxWidth: rect.width)
            let titleRoom = rect.right - x - (tab.badge.map { DisplayWidth.of($0) + 1 } ?? 0) - 1
            let title = titleRoom >= DisplayWidth.of(tab.title) ? tab.title : DisplayWidth.truncate(tab.title, to: max(1, titleRoom))
            x = buffer.set(x: x, y: rect.y, string: title, style: style, maxWidth: rect.right - x)
            if let badge = tab.badge {
                x = buffer.set(x: x, y: rect.y, string: " ", style: style, maxWidth: rect.right - x)
                x = buffer.set(x: x, y: rect.y, string: badge, style: style.patched(with: badgeStyle), maxWidth: rect.right - x)
            }
            x = buffer.set(x: x, y: rect.y, string: " ", style: style, maxWidth: rect.right - x)
            if index < tabs.count - 1, rect.right < area.right {
                buffer.set(x: rect.right, y: rect.y, string: divider, style: dividerStyle, maxWidth: area.right - rect.right)
            }
        }
    }

    private func label(_ tab: Tab) -> String {
        tab.badge.map { "\(tab.title) \($0)" } ?? tab.title
    }
}
