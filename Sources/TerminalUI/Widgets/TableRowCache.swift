import Synchronization

/// The cells each table row was drawn as, so that a row whose data did not change is copied into the
/// next frame instead of laid out again (truncated, measured, aligned) — and, for a table with named
/// rows, instead of formatted again. Rows are kept by layout and by index in the table, selected and
/// not: finding a row is an integer lookup and one comparison of what the row shows, with no hashing of
/// its texts. One for every table of the process; past ``capacity`` rows (a few screens, some 1 MB) it
/// starts over.
final class TableRowCache: Sendable {
    static let shared = TableRowCache()
    static let capacity = 256

    /// What a row's drawing depends on besides the row itself: the table's geometry, styles and row
    /// context. Named by a number (``layoutID(_:)``) once a frame.
    struct Layout: Hashable, Sendable {
        var x: Int
        var width: Int
        var columns: [Rect]
        var alignments: [Alignment]
        var selectedStyle: Style
        var highlightSymbol: String
        var context: String
    }

    /// The row: its texts, or the name of a named row.
    enum Identity: Equatable, Sendable {
        case row(Table.Row)
        case name(Table.RowName)
    }

    /// Where a row is drawn: the table's layout and the row's index in it.
    struct Place: Hashable, Sendable {
        var layout: Int
        var index: Int
    }

    /// Consecutive cells the row's drawing wrote, from column `x` (a wide character with its continuation).
    struct Run: Sendable {
        var x: Int
        var cells: [Cell]
    }

    /// The row last drawn at a place, as it looks selected and not, and the row's own style.
    struct Drawn: Sendable {
        var identity: Identity
        var style: Style
        var plain: [Run]? = nil
        var selected: [Run]? = nil
    }

    private struct Storage {
        var rows: [Place: Drawn] = [:]
        var layouts: [Layout: Int] = [:]
        /// The layout named last: most frames draw the table as the frame before, found by comparing, not hashing.
        var lastLayout: (layout: Layout, id: Int)?
        /// Never reused, so a row remembered for a layout forgotten since can never be found for another.
        var nextLayout = 0
    }

    private let storage = Mutex(Storage())

    /// The number naming `layout` while the cache holds rows drawn with it.
    func layoutID(_ layout: Layout) -> Int {
        storage.withLock { storage in
            if let last = storage.lastLayout, last.layout == layout { return last.id }
            let id: Int
            if let known = storage.layouts[layout] {
                id = known
            } else {
                storage.nextLayout += 1
                storage.layouts[layout] = storage.nextLayout
                id = storage.nextLayout
            }
            storage.lastLayout = (layout, id)
            return id
        }
    }

    /// What was drawn at `place` when it showed `identity`.
    func drawn(at place: Place, _ identity: Identity) -> Drawn? {
        storage.withLock { storage in
            guard let drawn = storage.rows[place], drawn.identity == identity else { return nil }
            return drawn
        }
    }

    /// Keeps the cells of the row drawn at `place` showing `identity` (its own style `style`), selected or not.
    func remember(_ runs: [Run], at place: Place, _ identity: Identity, style: Style, isSelected: Bool) {
        storage.withLock { storage in
            if storage.rows.count >= Self.capacity, storage.rows[place] == nil {
                storage.rows.removeAll(keepingCapacity: true)
                storage.layouts.removeAll(keepingCapacity: true)
                storage.lastLayout = nil
            }
            var drawn = storage.rows[place].flatMap { $0.identity == identity ? $0 : nil } ?? Drawn(identity: identity, style: style)
            if isSelected { drawn.selected = runs } else { drawn.plain = runs }
            storage.rows[place] = drawn
        }
    }

    /// What `draw` writes on row 0 of a buffer `width` wide: drawn on cells no drawing can produce
    /// (three columns wide), so every cell it wrote differs from them.
    static func record(width: Int, _ draw: (inout Buffer) -> Void) -> [Run] {
        let untouched = Cell(glyph: .empty, width: 3)
        var scratch = Buffer(width: width, height: 1, filledWith: untouched)
        draw(&scratch)
        var runs: [Run] = []
        let cells = scratch.cells
        var x = 0
        while x < width {
            guard cells[x].width != untouched.width else {
                x += 1
                continue
            }
            let start = x
            while x < width, cells[x].width != untouched.width { x += 1 }
            // Copied into storage of the run's own size: an `Array` made from the slice kept B4's
            // 100,000-order walk some 2 MB higher.
            var run = Run(x: start, cells: [])
            run.cells.reserveCapacity(x - start)
            run.cells += cells[start..<x]
            runs.append(run)
        }
        return runs
    }
}
