import Testing

@testable import TerminalUI

@Suite struct TableMoveTests {
    @Test func everyMoveKeepsTheSelectionInTheRowsAndOnScreen() {
        var table = TableState()
        table.apply(.by(1), rowCount: 30, visibleRows: 10)
        #expect(table.selected == 0, "from nothing, the first row")
        table.apply(.pageDown, rowCount: 30, visibleRows: 10)
        #expect(table.selected == 10)
        #expect(table.visibleRange(visibleRows: 10, rowCount: 30).contains(10))
        table.apply(.last, rowCount: 30, visibleRows: 10)
        #expect(table.selected == 29)
        table.apply(.by(5), rowCount: 30, visibleRows: 10)
        #expect(table.selected == 29, "clamped")
        table.apply(.to(3), rowCount: 30, visibleRows: 10)
        #expect(table.selected == 3)
        table.apply(.pageUp, rowCount: 30, visibleRows: 10)
        table.apply(.first, rowCount: 30, visibleRows: 10)
        #expect(table.selected == 0)
        table.apply(.by(1), rowCount: 0, visibleRows: 10)
        #expect(table.selected == nil, "no rows, nothing selected")
    }
}
