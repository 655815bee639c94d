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

    /// A table of `names` (its rows' data) with named rows, whose `row` counts what it formats. Row `i` is
    /// named as a one-row page whose serial is `tag` plus `revisions[i]` (bumped when its name changes). Rows
    /// at or past `loaded` are not loaded (no name).
    static func namedTable(
        _ names: [String], revisions: [Int] = [], tag: UInt64 = 1 << 40, loaded: Int = .max, formatted: Formatted, cached: Bool = true,
        cache: TableRowCache = .shared
    ) -> Table {
        var table = Table(columns: [.init("#", width: .length(4)), .init("Name", width: .fill(1))], rowCount: names.count) { index in
            index < loaded ? Table.RowName(source: tag + UInt64(index < revisions.count ? revisions[index] : 0) << 8, offset: index) : nil
        } row: { index in
            formatted.add(index)
            return Table.Row(["\(index)", names[index]], cellStyles: [nil, index % 2 == 0 ? Style(.accent) : nil])
        }
        table.highlightSymbol = "▶ "
        table.cachesRows = cached
        table.rowCache = cache
        return table
    }

    /// A serial no other test uses: the row cache is the process's.
    static func freshTag() -> UInt64 { UInt64.random(in: 1 << 20...1 << 50) << 12 }

    /// Issue 13: a row whose data did not change is not formatted again; a row whose data changed is,
    /// and shows the new data; the frame is the one drawn without the cache.
    @Test func aNamedRowIsFormattedOnlyWhenItsDataChanged() {
        let tag = Self.freshTag()
        var names = (0..<30).map { "東京 customer \($0)" }
        var revisions = [Int](repeating: 0, count: 30)
        let area = Rect(x: 1, y: 0, width: 38, height: 11)
        var state = TableState()
        state.selected = 4
        let formatted = Formatted()
        // A cache of its own: other tests filling the process's cache would empty it under this one.
        let cache = TableRowCache()
        var first = Buffer(width: 40, height: 12)
        Self.namedTable(names, tag: tag, formatted: formatted, cache: cache).render(into: &first, area: area, state: state)
        #expect(formatted.indexes == Array(0..<10))

        formatted.reset()
        var again = Buffer(width: 40, height: 12)
        Self.namedTable(names, tag: tag, formatted: formatted, cache: cache).render(into: &again, area: area, state: state)
        #expect(formatted.indexes.isEmpty, "rows formatted again: \(formatted.indexes)")
        #expect(again == first)

        // One order changed and the selection moved: that row and the one the selection left (never drawn
        // unselected), no other — the row it reached is its unselected look restyled.
        names[7] = "changed"
        revisions[7] += 1
        state.selected = 5
        formatted.reset()
        var changed = Buffer(width: 40, height: 12)
        Self.namedTable(names, revisions: revisions, tag: tag, formatted: formatted, cache: cache).render(into: &changed, area: area, state: state)
        #expect(formatted.indexes.sorted() == [4, 7])
        var uncached = Buffer(width: 40, height: 12)
        Self.namedTable(names, revisions: revisions, tag: tag, formatted: Formatted(), cached: false).render(into: &uncached, area: area, state: state)
        #expect(changed == uncached, "\(changed.screenshot)\n\(uncached.screenshot)")
        #expect(changed.lines()[8].contains("changed"))
    }

    /// A named row drawn before in another context (another time zone) is formatted again, in the new one.
    @Test func aNamedRowInAnotherContextIsFormattedAgain() {
        let tag = Self.freshTag()
        let formatted = Formatted()
        func render(_ context: String) -> Buffer {
            var table = Table(columns: [.init("When", width: .fill(1))], rowCount: 3) { Table.RowName(source: tag, offset: $0) } row: { index in
                formatted.add(index)
                return Table.Row(["\(context) \(index)"])
            }
            table.rowContext = context
            var buffer = Buffer(width: 20, height: 4)
            table.render(into: &buffer, area: buffer.area, state: TableState())
            return buffer
        }
        _ = render("UTC")
        formatted.reset()
        let oslo = render("Europe/Oslo")
        #expect(formatted.indexes == [0, 1, 2])
        #expect(oslo.lines(trimmingTrailingSpaces: true)[1] == "Europe/Oslo 0")
    }

    /// Rows not loaded show the loading text, cached or not, and those after the first not loaded too.
    @Test func namedRowsNotLoadedAreShownLoading() {
        let names = (0..<12).map { "row \($0)" }
        let area = Rect(x: 0, y: 0, width: 30, height: 9)
        var cached = Buffer(width: 30, height: 9)
        Self.namedTable(names, tag: Self.freshTag(), loaded: 5, formatted: Formatted()).render(into: &cached, area: area, state: TableState())
        var uncached = Buffer(width: 30, height: 9)
        Self.namedTable(names, loaded: 5, formatted: Formatted(), cached: false).render(into: &uncached, area: area, state: TableState())
        #expect(cached == uncached)
        #expect(cached.lines(trimmingTrailingSpaces: true)[6] == "  …")
    }

    static func table(cached: Bool, highlight: String = "▶ ", cache: TableRowCache = .shared) -> Table {
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
        table.rowCache = cache
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

    /// Issue 13: the row the selection reaches, cached unselected, is drawn as its unselected look restyled
    /// (no formatting, no layout): cell for cell the row drawn selected — a row style, per-cell styles,
    /// wide characters cut by a column, with a gutter, a wide one and none.
    @Test func aRowTheSelectionReachesIsTheRowDrawnSelected() {
        for highlight in ["▶ ", "界", ""] {
            for area in [Rect(x: 1, y: 1, width: 37, height: 12), Rect(x: 0, y: 0, width: 23, height: 8)] {
                // A cache of its own, so that every row after the first is reached with its plain look cached
                // (the first frame draws them unselected), whatever the other tests do to the process's cache.
                let cache = TableRowCache()
                for selected in 0..<area.height - 1 {
                    let state = TableState(selected: selected)
                    var cached = Self.background(width: 40, height: 14)
                    Self.table(cached: true, highlight: highlight, cache: cache).render(into: &cached, area: area, state: state)
                    var drawn = Self.background(width: 40, height: 14)
                    Self.table(cached: false, highlight: highlight).render(into: &drawn, area: area, state: state)
                    #expect(cached == drawn, "gutter \(highlight), row \(selected)\n\(cached.screenshot)\n\(drawn.screenshot)")
                }
            }
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
        let tag = Self.freshTag()
        let area = Rect(x: 1, y: 1, width: 37, height: 12)
        var state = TableState(selected: 0)
        var screen = Self.background(width: 40, height: 14)
        var previous = screen
        for press in 1...60 {
            state.apply(press % 15 == 0 ? .by(-3) : .by(1), rowCount: names.count, visibleRows: Table.visibleRows(in: area))
            var frame = Self.background(width: 40, height: 14)
            Self.namedTable(names, tag: tag, formatted: Formatted()).render(into: &frame, area: area, state: state)
            for change in frame.diff(from: previous) { screen.set(x: change.x, y: change.y, cell: change.cell) }
            previous = frame
            var redrawn = Self.background(width: 40, height: 14)
            Self.namedTable(names, formatted: Formatted(), cached: false).render(into: &redrawn, area: area, state: state)
            #expect(screen == redrawn, "after press \(press)\n\(screen.screenshot)\n\(redrawn.screenshot)")
        }
    }
}
