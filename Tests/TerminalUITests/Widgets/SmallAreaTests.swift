import Testing
import TerminalUI

/// Every widget drawn into degenerate areas — empty, one cell, partly or wholly outside the buffer —
/// must neither crash nor draw outside its area. (Resizing down to nothing happens.)
@Suite struct SmallAreaTests {
    static let areas = [
        Rect(width: 0, height: 0), Rect(x: 3, y: 2, width: 1, height: 1), Rect(x: 1, y: 1, width: 2, height: 2),
        Rect(x: 5, y: 3, width: 3, height: 1), Rect(x: -2, y: -1, width: 6, height: 3), Rect(x: 8, y: 4, width: 10, height: 10),
        Rect(x: 20, y: 20, width: 4, height: 4),
    ]

    private func render(_ draw: (inout Buffer, Rect) -> Void) {
        for area in SmallAreaTests.areas {
            var buffer = Buffer(width: 12, height: 6)
            buffer.fill(buffer.area, with: Cell(symbol: "·", width: 1))
            draw(&buffer, area)
            for y in 0..<buffer.height {
                for x in 0..<buffer.width where !area.contains(x: x, y: y) {
                    #expect(buffer[x, y].symbol == "·", "\(area) drew at (\(x), \(y)):\n\(buffer.screenshot)")
                }
            }
        }
    }

    @Test func everyWidgetStaysInsideItsArea() {
        let table = Table(columns: [.init("A", width: .length(3)), .init("東京", width: .fill(1), alignment: .right)], rowCount: 50) {
            $0.map { Table.Row(["\($0)", "東京\($0)"]) }
        }
        render { table.render(into: &$0, area: $1, state: TableState(selected: 30)) }
        render { List(["東京", "b", "c"]).render(into: &$0, area: $1, state: TableState(selected: 2)) }
        render { Tabs([.init("Orders"), .init("Cart", badge: "12")], selected: 1).render(into: &$0, area: $1) }
        render { TextInput().render(into: &$0, area: $1, state: TextInputState(text: "東京 bodega")) }
        render { Paragraph("東京 wine bar reorders weekly").render(into: &$0, area: $1) }
        render { Modal(title: "Checkout", body: "Place the order?", footer: "Enter", reservedRows: 1).render(into: &$0, area: $1) }
        render { Toast("Added 東京", kind: .success).render(into: &$0, area: $1) }
        render { Sparkline([1, 5, 3]).render(into: &$0, area: $1) }
        render { ProgressBar.confidence(0.5).render(into: &$0, area: $1) }
        render { Border(title: "Orders").render(into: &$0, area: $1) }
    }
}
