/// A move of a table's selection. Every table pane names its moves with this one vocabulary, so
/// its keys, its clicks and its reducer share one navigation (`TableState.apply`).
public enum TableMove: Sendable, Hashable {
    /// Rows down (positive) or up (negative).
    case by(Int)
    case pageDown
    case pageUp
    case first
    case last
    /// To the row at this index (a click).
    case to(Int)
}

extension TableState {
    /// Moves the selection in a table of `rowCount` rows showing `visibleRows` at once.
    public mutating func apply(_ move: TableMove, rowCount: Int, visibleRows: Int) {
        switch move {
        case .by(let delta): self.move(by: delta, rowCount: rowCount, visibleRows: visibleRows)
        case .pageDown: pageDown(rowCount: rowCount, visibleRows: visibleRows)
        case .pageUp: pageUp(rowCount: rowCount, visibleRows: visibleRows)
        case .first: selectFirst(rowCount: rowCount, visibleRows: visibleRows)
        case .last: selectLast(rowCount: rowCount, visibleRows: visibleRows)
        case .to(let index): select(index, rowCount: rowCount, visibleRows: visibleRows)
        }
    }
}
