import Testing
import TerminalUI

/// Row counts come from servers: a table never traps on one, however wrong.
@Suite struct HostileRowCountTests {
    @Test func aNegativeCountIsNoRows() {
        var state = TableState(selected: 0)
        #expect(state.visibleRange(visibleRows: 15, rowCount: -1) == 0..<0)
        // `j` on the orders list after `meta.pagination.total: -1`.
        state.move(by: 1, rowCount: -1, visibleRows: 15)
        #expect(state.selected == nil)
        state.selectLast(rowCount: Int.min, visibleRows: 15)
        #expect(state.visibleRange(visibleRows: 15, rowCount: Int.min).isEmpty)
    }

    @Test func theLastOfIntMaxRowsIsShownInAViewTallerThanTheStateThought() {
        // `G` after `total: 9223372036854775807`: the state scrolled for 15 rows, the table has 30.
        var state = TableState()
        state.selectLast(rowCount: .max, visibleRows: 15)
        #expect(state.selected == Int.max - 1)
        let table = Table(columns: [Table.Column("Row", width: .fill(1))], rowCount: .max) { range in range.map { Table.Row(["\($0)"]) } }
        let area = Rect(x: 0, y: 0, width: 30, height: 31)
        var buffer = Buffer(width: 30, height: 31)
        table.render(into: &buffer, area: area, state: state)
        #expect(table.visibleRange(in: area, state: state) == (Int.max - 30)..<Int.max)
        #expect(buffer.lines()[30].hasPrefix("\(Int.max - 1)"))
        #expect(table.rowIndex(atY: 30, in: area, state: state) == Int.max - 1)
        #expect(table.rowIndex(atY: 31, in: area, state: state) == nil)
    }

    @Test func movingPastIntMaxStopsAtTheLastRow() {
        var state = TableState(selected: Int.max - 1, offset: Int.max - 15)
        state.pageDown(rowCount: .max, visibleRows: 15)
        #expect(state.selected == Int.max - 1)
        state.move(by: .min, rowCount: .max, visibleRows: 15)
        #expect(state.selected == 0)
    }
}
