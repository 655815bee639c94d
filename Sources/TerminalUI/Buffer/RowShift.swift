/// A block of whole rows that moved together by one line between two frames — a list scrolled by `j`
/// on its last row — which a terminal can scroll in place instead of being sent every cell again.
public struct RowShift: Sendable, Hashable {
    /// The rows scrolled, `top...bottom` (a terminal's scroll region, both ends included).
    public var top: Int
    public var bottom: Int
    /// 1: the region's rows moved up a line, its bottom row is new; -1: down a line, its top row is new.
    public var lines: Int

    public init(top: Int, bottom: Int, lines: Int) {
        self.top = top
        self.bottom = bottom
        self.lines = lines
    }
}

extension Buffer {
    /// The one-line shift of a block of rows from `previous` to this frame that spares the most rows
    /// from being drawn again — at least `minimumRows` that changed in place and are found a line away —
    /// or nil (sizes differ, nothing moved).
    public func rowShift(from previous: Buffer, minimumRows: Int = 3) -> RowShift? {
        guard previous.width == width, previous.height == height, height > 1 else { return nil }
        return cells.withUnsafeBufferPointer { current in
            previous.cells.withUnsafeBufferPointer { old in
                let changed = (0..<height).map { !Self.rowsEqual(current, old, from: $0 * width, to: $0 * width, count: width) }
                // Only changed rows are spared: unless enough of them match a neighbour's old row in one
                // direction (most keys change a row or three, in place), no shift is worth looking for.
                let candidates = [1, -1].map { lines in
                    (0..<height).count { y in
                        changed[y] && y + lines >= 0 && y + lines < height
                            && Self.rowsEqual(current, old, from: y * width, to: (y + lines) * width, count: width)
                    }
                }
                guard candidates.contains(where: { $0 >= minimumRows }) else { return nil }
                var best: (shift: RowShift, spared: Int)?
                for lines in [1, -1] {
                    // Rows y of this frame that were row y + lines of the previous one, in runs.
                    var runStart = -1
                    var spared = 0
                    for y in 0...height {
                        let source = y + lines
                        let matches =
                            y < height && source >= 0 && source < height
                            && Self.rowsEqual(current, old, from: y * width, to: source * width, count: width)
                        if matches {
                            if runStart < 0 { (runStart, spared) = (y, 0) }
                            if changed[y] { spared += 1 }
                            continue
                        }
                        if runStart >= 0, spared >= minimumRows, spared > best?.spared ?? 0 {
                            // Moved up: rows runStart..<y came from a line below, and row y is the new one.
                            let shift = lines == 1 ? RowShift(top: runStart, bottom: y, lines: 1) : RowShift(top: runStart - 1, bottom: y - 1, lines: -1)
                            best = (shift, spared)
                        }
                        runStart = -1
                    }
                }
                return best?.shift
            }
        }
    }

    /// This frame as a terminal shows it after scrolling `shift`: the region's rows moved a line, the row
    /// it uncovers filled with `fill`.
    public func shifted(_ shift: RowShift, filling fill: Cell) -> Buffer {
        var result = self
        guard shift.top >= 0, shift.bottom < height, shift.top < shift.bottom, abs(shift.lines) == 1 else { return self }
        let rows = shift.lines == 1 ? Array(shift.top..<shift.bottom) : Array((shift.top + 1...shift.bottom).reversed())
        for y in rows {
            let from = (y + shift.lines) * width
            for x in 0..<width { result.cells[y * width + x] = cells[from + x] }
        }
        let uncovered = shift.lines == 1 ? shift.bottom : shift.top
        for x in 0..<width { result.cells[uncovered * width + x] = fill }
        return result
    }
}
