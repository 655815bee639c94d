import Testing

@testable import TerminalUI

/// A row drawn before is copied from the cache: the frame is the same cell for cell as drawing it
/// again, over any background, selected or not, wide characters and per-cell styles included.
@Suite struct TableRowCacheTests {
    /// Counts the rows a keyed table formats (one counter per test: tests run in parallel).
    final class Formatted: @unchecked Sendable {
        private(set) var indexes: [Int] = []
        func add(_ index: Int) { indexes.append(index) }
        func reset() { indexes = [] }
    }

    /// A keyed table of `names` (its rows' data), whose `row` counts what it formats. Rows at or past
    /// `loaded` are not loaded (nil keys).
    static func keyedTable(_ names: [String], loaded: Int = .max, formatted: Formatted, cached: Bool = true) -> Table {
        var table = Table(columns: [.init("#", width: .length(4)), .init("Name", width: .fill(1))], rowCount: names.count) { index -> String? in
            index < loaded ? names[index] : nil
        } row: { index in
            formatted.add(index)
            return Table.Row(["\(index)", names[index]], cellStyles: [nil, index % 2 == 0 ? Style(.accent) : nil])
        }
        table.highlightSymbol = "▶ "
        table.cachesRows = cached
        return table
    }

    /// A row key is equal to another only when both are of the same type and hold equal values: a key of
    /// another type never finds a row, however alike the values.
    @Test func rowKeysAreEqualOnlyForTheSameTypeAndValue() {
        struct Named: Equatable, Sendable { var name: String }
        struct Other: Equatable, Sendable { var name: String }
        typealias Key = TableRowCache.RowKey
        #expect(Key(Named(name: "a")) == Key(Named(name: "a")))
        #expect(Key(Named(name: "a")) != Key(Named(name: "b")))
        #expect(Key(Named(name: "a")) != Key(Other(name: "a")))
        #expect(Key(1) != Key(Int64(1)))
        #expect(Key("1") != Key(1))
        let key = Key(Named(name: "x"))
        #expect(key == key)
    }

    /// Issue 13: a row whose data did not change is not formatted again; a row whose data changed is,
    /// and shows the new data; the frame is the one drawn without the cache.
    @Test func aKeyedRowIsFormattedOnlyWhenItsDataChanged() {
        // Names no other test draws: the row cache is the process's.
        let tag = "k\(UInt16.random(in: 0...UInt16.max))"
        var names = (0..<30).map { "\(tag) 東京 customer \($0)" }
        let area = Rect(x: 1, y: 0, width: 38, height: 11)
        var state = TableState()
        state.selected = 4
        let formatted = Formatted()
        var first = Buffer(width: 40, height: 12)
        Self.keyedTable(names, formatted: formatted).render(into: &first, area: area, state: state)
        #expect(formatted.indexes == Array(0..<10))

        formatted.reset()
        var again = Buffer(width: 40, height: 12)
        Self.keyedTable(names, formatted: formatted).render(into: &again, area: area, state: state)
        #expect(formatted.indexes.isEmpty, "rows formatted again: \(formatted.indexes)")
        #expect(again == first)

        // One order changed and the selection moved: that row and the two the selection touches, no other.
        names[7] = "\(tag) changed"
        state.selected = 5
        formatted.reset()
        var changed = Buffer(width: 40, height: 12)
        Self.keyedTable(names, formatted: formatted).render(into: &changed, area: area, state: state)
        #expect(formatted.indexes.sorted() == [4, 5, 7])
        var uncached = Buffer(width: 40, height: 12)
        Self.keyedTable(names, formatted: Formatted(), cached: false).render(into: &uncached, area: area, state: state)
        #expect(changed == uncached, "\(changed.screenshot)\n\(uncached.screenshot)")
        #expect(changed.lines()[8].contains("changed"))
    }

    /// Rows not loaded show the loading text, cached or not, and those after the first not loaded too.
    @Test func keyedRowsNotLoadedAreShownLoading() {
        let names = (0..<12).map { "row \($0)" }
        let area = Rect(x: 0, y: 0, width: 30, height: 9)
        var cached = Buffer(width: 30, height: 9)
        Self.keyedTable(names, loaded: 5, formatted: Formatted()).render(into: &cached, area: area, state: TableState())
        var uncached = Buffer(width: 30, height: 9)
        Self.keyedTable(names, loaded: 5, formatted: Formatted(), cached: false).render(into: &uncached, area: area, state: TableState())
        #expect(cached == uncached)
        #expect(cached.lines(trimmingTrailingSpaces: true)[6] == "  …")
    }

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

    /// `j` held down: each frame, drawn with cached rows, reaches a screen as the diff from the last, and
    /// the screen is then the frame drawn whole without the cache (rows scrolling in, the selection
    /// moving, wide characters over a wide-character background).
    @Test func theScreenAfterManyMovesIsAFullRedraw() {
        let names = (0..<200).map { $0 % 3 == 0 ? "東京の酒場 \($0)" : "Smoke & Barrel \($0)" }
        let area = Rect(x: 1, y: 1, width: 37, height: 12)
        var state = TableState(selected: 0)
        var screen = Self.background(width: 40, height: 14)
        var previous = screen
        for press in 1...60 {
            state.apply(press % 15 == 0 ? .by(-3) : .by(1), rowCount: names.count, visibleRows: Table.visibleRows(in: area))
            var frame = Self.background(width: 40, height: 14)
            Self.keyedTable(names, formatted: Formatted()).render(into: &frame, area: area, state: state)
            for change in frame.diff(from: previous) { screen.set(x: change.x, y: change.y, cell: change.cell) }
            previous = frame
            var redrawn = Self.background(width: 40, height: 14)
            Self.keyedTable(names, formatted: Formatted(), cached: false).render(into: &redrawn, area: area, state: state)
            #expect(screen == redrawn, "after press \(press)\n\(screen.screenshot)\n\(redrawn.screenshot)")
        }
    }
}
