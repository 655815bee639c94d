import Testing
import TerminalUI

@Suite struct TableTests {
    private let columns = [
        Table.Column("Number", width: .length(8)),
        Table.Column("Customer", width: .fill(1)),
        Table.Column("Status", width: .length(9)),
        Table.Column("Total", width: .length(10), alignment: .right),
    ]

    private func order(_ index: Int) -> Table.Row {
        let customers = ["Bodega Ruiz", "東京ワインバー", "Café Lumière", "Harbour Bistro"]
        return Table.Row(["SO-\(index)", customers[index % 4], index % 3 == 0 ? "pending" : "shipped", "€\(index % 97).50"])
    }

    @Test func asksOnlyForTheVisibleRowsAndShowsTheSelection() {
        var requested: [Range<Int>] = []
        let table = Table(columns: columns, rowCount: 100_000) { range in
            requested.append(range)
            return range.map(order)
        }
        var buffer = screen()
        let area = Rect(x: 0, y: 0, width: 80, height: 6)
        let state = TableState(selected: 5000, offset: 0)
        table.render(into: &buffer, area: area, state: state)

        #expect(requested == [4996..<5001])
        #expect(table.visibleRange(in: area, state: state) == 4996..<5001)
        expectScreen(buffer, [
            "Number   Customer                                           Status         Total",
            "SO-4996  Bodega Ruiz                                        shipped       €49.50",
            "SO-4997  東京ワインバー                                     shipped       €50.50",
            "SO-4998  Café Lumière                                       pending       €51.50",
            "SO-4999  Harbour Bistro                                     shipped       €52.50",
            "SO-5000  Bodega Ruiz                                        shipped       €53.50",
        ])
        let selectedRow = 5
        for x in 0..<80 {
            #expect(buffer[x, selectedRow].style.background == .role(.selection), "column \(x)")
        }
        #expect(buffer[0, 4].style.background == nil)
    }

    @Test func scrollingKeepsTheSelectionVisibleWithMinimalMovement() {
        var state = TableState()
        let rowCount = 50
        let visible = 5
        state.selectNext(rowCount: rowCount, visibleRows: visible)
        #expect(state == TableState(selected: 0, offset: 0))
        for _ in 0..<6 { state.selectNext(rowCount: rowCount, visibleRows: visible) }
        #expect(state == TableState(selected: 6, offset: 2))
        state.selectPrevious(rowCount: rowCount, visibleRows: visible)
        #expect(state == TableState(selected: 5, offset: 2))
        state.selectLast(rowCount: rowCount, visibleRows: visible)
        #expect(state == TableState(selected: 49, offset: 45))
        state.pageUp(rowCount: rowCount, visibleRows: visible)
        #expect(state == TableState(selected: 44, offset: 44))
        state.selectFirst(rowCount: rowCount, visibleRows: visible)
        #expect(state == TableState(selected: 0, offset: 0))
        state.pageDown(rowCount: 3, visibleRows: visible)
        #expect(state == TableState(selected: 2, offset: 0))
    }

    @Test func rowsNotLoadedYetShowAPlaceholderAndEmptyTablesAMessage() {
        var table = Table(columns: columns, rowCount: 10) { range in range.prefix(2).map(order) }
        var buffer = Buffer(width: 40, height: 5)
        table.render(into: &buffer, area: buffer.area, state: TableState())
        expectScreen(buffer, [
            "Number   Customer   Status         Total",
            "SO-0     Bodega Ru… pending        €0.50",
            "SO-1     東京ワイ…  shipped        €1.50",
            "…",
            "…",
        ])
        table.rowCount = 0
        table.emptyText = "No orders match “rioja”."
        buffer = Buffer(width: 40, height: 3)
        table.render(into: &buffer, area: buffer.area, state: TableState())
        expectScreen(buffer, ["Number   Customer   Status         Total", "No orders match “rioja”."])
    }

    @Test func clicksMapToRows() {
        let table = Table(columns: columns, rowCount: 100) { $0.map(order) }
        let area = Rect(x: 0, y: 2, width: 80, height: 10)
        let state = TableState(selected: 40, offset: 35)
        #expect(table.rowIndex(atY: 2, in: area, state: state) == nil)
        #expect(table.rowIndex(atY: 3, in: area, state: state) == 35)
        #expect(table.rowIndex(atY: 11, in: area, state: state) == 43)
        #expect(table.rowIndex(atY: 12, in: area, state: state) == nil)
    }
}
