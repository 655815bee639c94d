import Synchronization

/// The cells each table row was drawn as, by everything its drawing depends on, so that a row whose
/// data did not change is copied into the next frame instead of laid out again (truncated, measured,
/// aligned). One for every table of the process; past ``capacity`` rows (a few screens, some 1 MB)
/// it starts over.
final class TableRowCache: Sendable {
    static let shared = TableRowCache()
    static let capacity = 256

    /// What a row's drawing depends on besides the row itself: the table's geometry and styles.
    struct Layout: Hashable {
        var x: Int
        var width: Int
        var columns: [Rect]
        var alignments: [Alignment]
        var selectedStyle: Style
        var highlightSymbol: String
    }

    struct Key: Hashable {
        var row: Table.Row
        var isSelected: Bool
        var layout: Layout
    }

    /// One cell the row's drawing wrote (a wide character once, at its left column).
    struct Drawn: Sendable {
        var x: Int
        var cell: Cell
    }

    private let rows = Mutex<[Key: [Drawn]]>([:])

    func drawn(_ key: Key) -> [Drawn]? {
        rows.withLock { $0[key] }
    }

    func remember(_ drawn: [Drawn], for key: Key) {
        rows.withLock { rows in
            if rows.count >= Self.capacity { rows.removeAll(keepingCapacity: true) }
            rows[key] = drawn
        }
    }

    /// What `draw` writes on row 0 of a buffer `width` wide: drawn on cells no drawing can produce
    /// (three columns wide), so every cell it wrote differs from them.
    static func record(width: Int, _ draw: (inout Buffer) -> Void) -> [Drawn] {
        let untouched = Cell(glyph: .empty, width: 3)
        var scratch = Buffer(width: width, height: 1, filledWith: untouched)
        draw(&scratch)
        var drawn: [Drawn] = []
        for x in 0..<width {
            let cell = scratch[x, 0]
            if cell != untouched, !cell.isContinuation { drawn.append(Drawn(x: x, cell: cell)) }
        }
        return drawn
    }
}
