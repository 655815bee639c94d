import Testing
import TerminalUI

/// A whole 80×24 screen assembled from layout and widgets, as the app's screens will be.
@Suite struct ScreenCompositionTests {
    @Test func ordersScreen() {
        var buffer = screen()
        let rows = Layout.vertical([.length(1), .length(1), .fill(1), .length(1)]).split(buffer.area)
        Tabs([.init("Briefing"), .init("Orders"), .init("Cart", badge: "2")], selected: 1).render(into: &buffer, area: rows[0])
        var search = TextInputState()
        search.insert("東京")
        TextInput(focused: true).render(into: &buffer, area: Layout.horizontal([.length(8), .fill(1)]).split(rows[1])[1], state: search)
        buffer.set(x: 0, y: 1, string: "Search:", style: Style(.muted))
        let table = Table(
            columns: [.init("Order", width: .length(8)), .init("Customer", width: .fill(1)), .init("Total", width: .length(9), alignment: .right)],
            rowCount: 3
        ) { range in range.map { Table.Row(["SO-\($0 + 1)", "東京ワインバー", "¥\(($0 + 1) * 1200)"]) } }
        table.render(into: &buffer, area: rows[2], state: TableState(selected: 1))
        let status = rows[3]
        buffer.fill(status, style: Style(foreground: .role(.statusBarText), background: .role(.statusBar)))
        buffer.set(x: 1, y: status.y, string: "rep@acme · online · updated 2 min ago", style: Style(foreground: .role(.statusBarText), background: .role(.statusBar)))
        Spinner().render(into: &buffer, at: Position(x: status.right - 2, y: status.y), tick: 3)
        expectScreen(buffer, [
            " Briefing │ Orders │ Cart 2",
            "Search: 東京",
            "Order    Customer                                                          Total",
            "SO-1     東京ワインバー                                                    ¥1200",
            "SO-2     東京ワインバー                                                    ¥2400",
            "SO-3     東京ワインバー                                                    ¥3600",
            "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
            " rep@acme · online · updated 2 min ago                                        ⠸",
        ])
        #expect(buffer.cursor == Position(x: 12, y: 1))
    }
}
