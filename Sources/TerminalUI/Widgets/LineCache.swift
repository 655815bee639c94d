import Synchronization

/// The cells a one-line widget (a tab bar, a footer, a status bar) was last drawn as, kept with what it
/// showed, so that a line whose input did not change is copied into the next frame rather than laid out
/// and measured again. One line per cache: each line on screen has its own. The key must name all that
/// the drawing reads besides the line's area.
public final class LineCache<Key: Equatable & Sendable>: Sendable {
    /// The line last drawn: its key, where (column and width), and the cells it wrote.
    private struct Drawn: Sendable {
        var key: Key
        var x: Int
        var width: Int
        var runs: [TableRowCache.Run]
        var end: Int
    }

    private let last = Mutex<Drawn?>(nil)

    public init() {}

    /// Draws the line `key` names on row `area.y`: a copy of the cells drawn last time if the key and the
    /// area's column and width are the same, else what `draw` writes into the area (a one-row rectangle),
    /// remembered for next time.
    public func render(_ key: Key, area: Rect, into buffer: inout Buffer, draw: (inout Buffer, Rect) -> Void) {
        render(key, area: area, into: &buffer) { buffer, area -> Int in
            draw(&buffer, area)
            return area.right
        }
    }

    /// As ``render(_:area:into:draw:)`` for a drawing that returns the column where it ended (so that the
    /// caller can draw what changes too often to be kept after it); that column is remembered with the cells.
    @discardableResult
    public func render(_ key: Key, area: Rect, into buffer: inout Buffer, drawEnding draw: (inout Buffer, Rect) -> Int) -> Int {
        guard area.height > 0, area.width > 0 else { return area.x }
        let cached = last.withLock { last in
            last.flatMap { $0.key == key && $0.x == area.x && $0.width == area.width ? ($0.runs, $0.end) : nil }
        }
        let (runs, end) =
            cached
            ?? {
                var end = area.x
                let runs = TableRowCache.record(width: area.right) { scratch in
                    end = draw(&scratch, Rect(x: area.x, y: 0, width: area.width, height: 1))
                }
                last.withLock { $0 = Drawn(key: key, x: area.x, width: area.width, runs: runs, end: end) }
                return (runs, end)
            }()
        for run in runs { buffer.copy(run.cells, x: run.x, y: area.y) }
        return end
    }
}
