import Synchronization

/// The cells a one-line widget (a tab bar, a footer, a status bar) was last drawn as, kept with what it
/// showed, so that a line whose input did not change is copied into the next frame rather than laid out
/// and measured again. One line per cache: each line on screen has its own. The key must name all that
/// the drawing reads besides the line's area.
public final class LineCache: Sendable {
    /// The line last drawn: its key, where (column and width), and the cells it wrote.
    private struct Drawn: Sendable {
        var key: TableRowCache.RowKey
        var x: Int
        var width: Int
        var runs: [TableRowCache.Run]
    }

    private let last = Mutex<Drawn?>(nil)

    public init() {}

    /// Draws the line `key` names on row `area.y`: a copy of the cells drawn last time if the key and the
    /// area's column and width are the same, else what `draw` writes into the area (a one-row rectangle),
    /// remembered for next time.
    public func render<Key: Equatable & Sendable>(_ key: Key, area: Rect, into buffer: inout Buffer, draw: (inout Buffer, Rect) -> Void) {
        guard area.height > 0, area.width > 0 else { return }
        let key = TableRowCache.RowKey(key)
        let cached = last.withLock { last in
            last.flatMap { $0.key == key && $0.x == area.x && $0.width == area.width ? $0.runs : nil }
        }
        let runs =
            cached
            ?? {
                let runs = TableRowCache.record(width: area.right) { scratch in
                    draw(&scratch, Rect(x: area.x, y: 0, width: area.width, height: 1))
                }
                last.withLock { $0 = Drawn(key: key, x: area.x, width: area.width, runs: runs) }
                return runs
            }()
        for run in runs { buffer.copy(run.cells, x: run.x, y: area.y) }
    }
}
