#if canImport(Glibc)
import Glibc
#endif

/// One cell that differs between two frames.
public struct CellChange: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public var cell: Cell

    public init(x: Int, y: Int, cell: Cell) {
        self.x = x
        self.y = y
        self.cell = cell
    }
}

/// Consecutive changed cells on one row sharing a style: what a backend writes with one call. The cells
/// are the new frame's, columns `x..<x + width` of row `y` (a wide character's continuation included).
public struct CellRun: Sendable, Hashable {
    public var x: Int
    public var y: Int
    /// Columns the run covers.
    public var width: Int
    public var style: Style

    public init(x: Int, y: Int, width: Int, style: Style) {
        self.x = x
        self.y = y
        self.width = width
        self.style = style
    }
}

extension Buffer {
    /// The cells of this buffer that differ from `previous`, row by row, left to right.
    ///
    /// Rows are compared first, and only a row that changed is walked cell by cell. Continuation
    /// cells are never reported: drawing the wide character before them covers them (and the
    /// buffer's invariants guarantee that a changed continuation has a changed owner). When the sizes
    /// differ every cell is reported — the caller should clear the screen first. Equal buffers cost
    /// one integer comparison per cell and no allocation.
    public func diff(from previous: Buffer) -> [CellChange] {
        diff(from: previous, after: nil)
    }

    /// The cells of this buffer that differ from `previous` once `shift` has scrolled it (as a terminal
    /// does): each row is compared with the row the scroll brought there, and the row it uncovered is
    /// reported whole. The same changes as ``diff(from:)`` of `previous.shifted(shift, …)`, without the copy.
    public func diff(from previous: Buffer, after shift: RowShift?) -> [CellChange] {
        diff(from: previous, after: shift, rows: 0..<height)
    }

    /// As ``diff(from:)``, comparing only `rows` (the caller knows the others are equal).
    public func diff(from previous: Buffer, rows: [Int]) -> [CellChange] {
        diff(from: previous, after: nil, rows: rows)
    }

    private func diff(from previous: Buffer, after shift: RowShift?, rows: some Sequence<Int>) -> [CellChange] {
        var changes: [CellChange] = []
        forEachChange(from: previous, after: shift, rows: rows) { x, y, cell in changes.append(CellChange(x: x, y: y, cell: cell)) }
        return changes
    }

    /// Calls `body` with each cell of `rows` that differs from `previous` (after `shift`), left to right, top to bottom.
    @inline(__always)
    private func forEachChange(from previous: Buffer, after shift: RowShift?, rows: some Sequence<Int>, _ body: (Int, Int, Cell) -> Void) {
        let sameSize = previous.width == width && previous.height == height
        let shift = sameSize ? shift : nil
        cells.withUnsafeBufferPointer { current in
            previous.cells.withUnsafeBufferPointer { old in
                if sameSize && shift == nil && current.baseAddress == old.baseAddress { return }
                for y in rows where y >= 0 && y < height {
                    let start = y * width
                    // Where row y was before the scroll; nil for the row the scroll uncovered (unknown).
                    var source: Int? = sameSize ? start : nil
                    if let shift, y >= shift.top, y <= shift.bottom {
                        source = y == (shift.lines == 1 ? shift.bottom : shift.top) ? nil : (y + shift.lines) * width
                    }
                    if let source, Self.rowsEqual(current, old, from: start, to: source, count: width) { continue }
                    for x in 0..<width {
                        if current[start + x].isContinuation { continue }
                        if let source, Self.sameBytes(current, start + x, old, source + x) { continue }
                        body(x, y, current[start + x])
                    }
                }
            }
        }
    }

    /// The rows of the frames that differ, top to bottom (what a row-level renderer redraws).
    public func changedRows(from previous: Buffer) -> [Int] {
        guard previous.width == width, previous.height == height else { return Array(0..<height) }
        return cells.withUnsafeBufferPointer { current in
            previous.cells.withUnsafeBufferPointer { old in
                (0..<height).filter { !Self.rowsEqual(current, old, from: $0 * width, to: $0 * width, count: width) }
            }
        }
    }

    /// Whether two cells are the same bytes, so the same cell: a cell holds no references and no byte of it
    /// is left unset (see ``Cell``). Cells that differ only in bytes that do not matter would be written
    /// again, which changes nothing on screen; compared word by word, this is a few instructions, the
    /// synthesized `==` (glyph, width, two optional colours, attributes) some forty.
    @inline(__always)
    static func sameBytes(_ current: UnsafeBufferPointer<Cell>, _ index: Int, _ old: UnsafeBufferPointer<Cell>, _ oldIndex: Int) -> Bool {
        let left = UnsafeRawPointer(current.baseAddress! + index)
        let right = UnsafeRawPointer(old.baseAddress! + oldIndex)
        var offset = 0
        while offset + 8 <= MemoryLayout<Cell>.size {
            if left.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != right.loadUnaligned(fromByteOffset: offset, as: UInt64.self) { return false }
            offset += 8
        }
        while offset < MemoryLayout<Cell>.size {
            if left.load(fromByteOffset: offset, as: UInt8.self) != right.load(fromByteOffset: offset, as: UInt8.self) { return false }
            offset += 1
        }
        return true
    }

    /// Whether `count` cells from `start` in `current` equal those from `oldStart` in `old`.
    static func rowsEqual(_ current: UnsafeBufferPointer<Cell>, _ old: UnsafeBufferPointer<Cell>, from start: Int, to oldStart: Int, count: Int) -> Bool {
        // Equal bytes are equal cells (a cell holds no references): most rows of a frame are the rows of the
        // frame before, found in one memcmp. Bytes that differ may be padding only, so compare cell by cell then.
        if let left = current.baseAddress, let right = old.baseAddress,
            memcmp(left + start, right + oldStart, count * MemoryLayout<Cell>.stride) == 0
        {
            return true
        }
        var index = 0
        while index < count {
            if current[start + index] != old[oldStart + index] { return false }
            index += 1
        }
        return true
    }

    /// ``diff(from:)`` grouped into runs of adjacent cells with one style on one row.
    public func changedRuns(from previous: Buffer, after shift: RowShift? = nil) -> [CellRun] {
        changedRuns(from: previous, after: shift, rows: 0..<height)
    }

    /// As ``changedRuns(from:after:)``, comparing only `rows` (the caller knows the others are equal).
    public func changedRuns(from previous: Buffer, rows: [Int]) -> [CellRun] {
        changedRuns(from: previous, after: nil, rows: rows)
    }

    /// What a backend writes, found in one walk: no change is listed on the way, cell by cell.
    private func changedRuns(from previous: Buffer, after shift: RowShift?, rows: some Sequence<Int>) -> [CellRun] {
        var runs: [CellRun] = []
        // The run being grown (none while its row is -1), appended when the next change does not continue it.
        var run = CellRun(x: 0, y: -1, width: 0, style: .plain)
        forEachChange(from: previous, after: shift, rows: rows) { x, y, cell in
            if run.y == y, run.x + run.width == x, run.style == cell.style {
                run.width += max(1, cell.width)
            } else {
                if run.y >= 0 { runs.append(run) }
                run = CellRun(x: x, y: y, width: max(1, cell.width), style: cell.style)
            }
        }
        if run.y >= 0 { runs.append(run) }
        return runs
    }
}
