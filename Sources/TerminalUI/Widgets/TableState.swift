/// The selection and scroll position of a ``Table`` or ``List``, kept in the screen's state.
///
/// `offset` is the first row shown. Widgets never show the selection off screen: when the stored
/// offset would hide it they render with the nearest offset that shows it (see ``offset(visibleRows:rowCount:)``),
/// and the movement methods keep `offset` in step so scrolling is minimal and stable.
///
/// Row counts come from servers: any `Int` is taken without trapping — a negative count is no rows,
/// and arithmetic near `Int.max` saturates instead of overflowing.
public struct TableState: Sendable, Hashable {
    public var selected: Int?
    public var offset: Int

    public init(selected: Int? = nil, offset: Int = 0) {
        self.selected = selected
        self.offset = max(0, offset)
    }

    /// The first row to show in `visibleRows` rows of `rowCount`: `offset` moved as little as needed
    /// to show the selection, and never past the point where the last rows fill the view.
    public func offset(visibleRows: Int, rowCount: Int) -> Int {
        guard visibleRows > 0, rowCount > 0 else { return 0 }
        var offset = offset
        if let selected = selected.map({ min(max(0, $0), rowCount - 1) }) {
            if selected < offset { offset = selected }
            // Both are at least 0, so the difference cannot overflow where their sum could.
            if selected - offset >= visibleRows { offset = selected - visibleRows + 1 }
        }
        return min(max(0, offset), max(0, rowCount - visibleRows))
    }

    /// The rows shown.
    public func visibleRange(visibleRows: Int, rowCount: Int) -> Range<Int> {
        guard visibleRows > 0, rowCount > 0 else { return 0..<0 }
        let start = offset(visibleRows: visibleRows, rowCount: rowCount)
        return start..<(start + min(visibleRows, rowCount - start))
    }

    /// Selects `index` (clamped to the rows; nil when there are none) and scrolls to show it.
    public mutating func select(_ index: Int, rowCount: Int, visibleRows: Int) {
        guard rowCount > 0 else {
            selected = nil
            offset = 0
            return
        }
        selected = min(max(0, index), rowCount - 1)
        offset = offset(visibleRows: visibleRows, rowCount: rowCount)
    }

    /// Moves the selection by `delta` rows (the first row when nothing is selected).
    public mutating func move(by delta: Int, rowCount: Int, visibleRows: Int) {
        let target = selected.map { selected in
            let (moved, overflow) = selected.addingReportingOverflow(delta)
            return overflow ? (delta > 0 ? Int.max : Int.min) : moved
        }
        select(target ?? 0, rowCount: rowCount, visibleRows: visibleRows)
    }

    public mutating func selectNext(rowCount: Int, visibleRows: Int) { move(by: 1, rowCount: rowCount, visibleRows: visibleRows) }
    public mutating func selectPrevious(rowCount: Int, visibleRows: Int) { move(by: -1, rowCount: rowCount, visibleRows: visibleRows) }
    public mutating func pageDown(rowCount: Int, visibleRows: Int) { move(by: max(1, visibleRows), rowCount: rowCount, visibleRows: visibleRows) }
    public mutating func pageUp(rowCount: Int, visibleRows: Int) { move(by: -max(1, visibleRows), rowCount: rowCount, visibleRows: visibleRows) }
    public mutating func selectFirst(rowCount: Int, visibleRows: Int) { select(0, rowCount: rowCount, visibleRows: visibleRows) }
    public mutating func selectLast(rowCount: Int, visibleRows: Int) { select(max(0, rowCount) - 1, rowCount: rowCount, visibleRows: visibleRows) }
}
