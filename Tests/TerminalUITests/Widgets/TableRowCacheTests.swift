import Testing

@testable import TerminalUI

/// A row drawn before is copied from the cache: the frame is the same cell for cell as drawing it
/// again, over any background, selected or not, wide characters and per-cell styles included.
@Suite struct TableRowCacheTests {
    static func table(cached: Bool, highlight: String = "▶ ") -> Table {
        let names = ["Zürich Weinstube", "東京の酒場とても長い名前", "Таверна Одеса", "👨‍👩‍👧‍👦 family", "", "Smoke & Barrel BBQ"]
        var table = Table(
            columns: [.init("Number", width: .length(8)), .init("Customer", width: .fill(1)), .init("Total", width: .length(9), alignment: .right)],
            rowCount: 40
        ) { range in
            range.map { index in
                Table.Row(
                    ["NW-\(1000 + index)", names[index % names.count], "$\(index * 37).00"], style: index % 7 == 0 ? Style(.muted) : .plain,
                    cellStyles: [nil, index % 2 == 0 ? Style(.accent) : nil, nil])
            }
        }
        table.highlightSymbol = highlight
        table.cachesRows = cached
        return table
    }

    /// A background with wide characters cut by the table's edges.
    static func background(width: Int, height: Int) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        for y in 0..<height { buffer.set(x: 0, y: y, string: String(repeating: "界", count: width / 2), style: Style(.warning)) }
        return buffer
    }

    @Test func aCachedRowIsTheRowDrawnAgain() {
        for (width, area, selected) in [(40, Rect(x: 1, y: 1, width: 37, height: 12), 3), (30, Rect(x: 3, y: 0, width: 22, height: 9), 0), (60, Rect(x: 0, y: 2, width: 60, height: 20), 15)] {
            var state = TableState()
            state.selected = selected
            var drawn = Self.background(width: width, height: 24)
            Self.table(cached: false).render(into: &drawn, area: area, state: state)
            for pass in 1...3 {
                var copied = Self.background(width: width, height: 24)
                Self.table(cached: true).render(into: &copied, area: area, state: state)
                #expect(copied == drawn, "pass \(pass), width \(width)\n\(copied.screenshot)\n\(drawn.screenshot)")
            }
            // The selection moves: the two rows it touches change, the others come from the cache.
            state.selected = selected + 1
            var moved = Self.background(width: width, height: 24)
            Self.table(cached: false).render(into: &moved, area: area, state: state)
            var movedCached = Self.background(width: width, height: 24)
            Self.table(cached: true).render(into: &movedCached, area: area, state: state)
            #expect(movedCached == moved)
            #expect(moved.changedRows(from: drawn).count == 2)
        }
    }

    @Test func aTableWiderThanTheBufferIsClippedAsWhenDrawn() {
        var drawn = Buffer(width: 20, height: 6)
        Self.table(cached: false).render(into: &drawn, area: Rect(x: 0, y: 0, width: 31, height: 6), state: TableState())
        var copied = Buffer(width: 20, height: 6)
        Self.table(cached: true).render(into: &copied, area: Rect(x: 0, y: 0, width: 31, height: 6), state: TableState())
        #expect(copied == drawn)
    }
}
