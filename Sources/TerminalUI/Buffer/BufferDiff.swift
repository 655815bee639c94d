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

/// Consecutive changed cells on one row sharing a style: what a backend writes with one call.
public struct CellRun: Sendable, Hashable {
    public var x: Int
    public var y: Int
    /// The symbols of the run's cells, wide characters once.
    public var text: String
    /// Columns the run covers.
    public var width: Int
    public var style: Style

    public init(x: Int, y: Int, text: String, width: Int, style: Style) {
        self.x = x
        self.y = y
        self.text = text
        self.width = width
        self.style = style
    }
}

extension Buffer {
    /// The cells of this buffer that differ from `previous`, row by row, left to right.
    ///
    /// Continuation cells are never reported: drawing the wide character before them covers them
    /// (and the buffer's invariants guarantee that a changed continuation has a changed owner).
    /// When the sizes differ every cell is reported — the caller should clear the screen first.
    /// Equal buffers cost one comparison per cell and no allocation.
    public func diff(from previous: Buffer) -> [CellChange] {
        var changes: [CellChange] = []
        let sameSize = previous.width == width && previous.height == height
        cells.withUnsafeBufferPointer { current in
            previous.cells.withUnsafeBufferPointer { old in
                if sameSize && current.baseAddress == old.baseAddress { return }
                for index in 0..<current.count {
                    let cell = current[index]
                    if cell.isContinuation { continue }
                    if sameSize && cell == old[index] { continue }
                    changes.append(CellChange(x: index % width, y: index / width, cell: cell))
                }
            }
        }
        return changes
    }

    /// ``diff(from:)`` grouped into runs of adjacent cells with one style on one row.
    public func changedRuns(from previous: Buffer) -> [CellRun] {
        var runs: [CellRun] = []
        for change in diff(from: previous) {
            if var last = runs.last, last.y == change.y, last.x + last.width == change.x, last.style == change.cell.style {
                last.text += change.cell.symbol
                last.width += change.cell.width
                runs[runs.count - 1] = last
            } else {
                runs.append(CellRun(x: change.x, y: change.y, text: change.cell.symbol, width: change.cell.width, style: change.cell.style))
            }
        }
        return runs
    }
}
