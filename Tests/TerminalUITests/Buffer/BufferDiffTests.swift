import Testing
import TerminalUI

@Suite struct BufferDiffTests {
    private func frame() -> Buffer {
        var buffer = Buffer(width: 80, height: 24)
        buffer.set(x: 0, y: 0, string: "Briefing  Orders  Products  Cart 3  Health", style: Style(.tabActive))
        buffer.set(x: 0, y: 2, string: "東京 restaurant group — 12 orders")
        return buffer
    }

    /// Rows are compared with `memcmp` before cell by cell: that settles equal rows only if a cell has no
    /// padding and equal cells, however made, are equal bytes.
    @Test func equalCellsAreEqualBytes() {
        #expect(MemoryLayout<Cell>.size == MemoryLayout<Cell>.stride)
        var changed = Cell.blank(Style(foreground: .indexed(3), background: .terminalDefault).bold)
        changed.symbol = "東"
        changed.width = 2
        changed.style = Style(.accent)
        let made = Cell(symbol: "東", width: 2, style: Style(.accent))
        #expect(changed == made)
        let bytes = { (cell: Cell) in withUnsafeBytes(of: cell) { Array($0) } }
        #expect(bytes(changed) == bytes(made))
        #expect(bytes(Cell.blank) == bytes(Cell(symbol: " ", width: 1)))
    }

    @Test func equalBuffersHaveNoChanges() {
        let previous = frame()
        let current = frame()
        #expect(current.diff(from: previous).isEmpty)
        #expect(current.changedRuns(from: previous).isEmpty)
        #expect(previous.diff(from: previous).isEmpty)
    }

    @Test func oneChangedCellIsExactlyOneChange() {
        let previous = frame()
        var current = frame()
        current.set(x: 10, y: 5, string: "x", style: Style(.danger))
        #expect(current.diff(from: previous) == [CellChange(x: 10, y: 5, cell: Cell(symbol: "x", width: 1, style: Style(.danger)))])
    }

    @Test func aStyleChangeAloneIsAChange() {
        let previous = frame()
        var current = frame()
        current.patchStyle(Rect(x: 0, y: 0, width: 1, height: 1), with: Style(attributes: .reverse))
        #expect(current.diff(from: previous).map { Position(x: $0.x, y: $0.y) } == [Position(x: 0, y: 0)])
    }

    @Test func wideCharactersAreReportedOnceWithoutTheirContinuation() {
        let previous = Buffer(width: 6, height: 1)
        var current = previous
        current.set(x: 1, y: 0, string: "漢")
        #expect(current.diff(from: previous) == [CellChange(x: 1, y: 0, cell: Cell(symbol: "漢", width: 2))])
        // Back to narrow: both cells are reported, because both must be redrawn.
        var narrow = current
        narrow.set(x: 1, y: 0, string: "ab")
        #expect(narrow.diff(from: current).map(\.x) == [1, 2])
    }

    @Test func changesOnARowWithOneStyleFormOneRun() {
        let previous = Buffer(width: 20, height: 2)
        var current = previous
        current.set(x: 2, y: 1, string: "東京 ok", style: Style(.accent))
        current.set(x: 12, y: 1, string: "!", style: Style(.danger))
        #expect(current.changedRuns(from: previous) == [
            CellRun(x: 2, y: 1, width: 7, style: Style(.accent)),
            CellRun(x: 12, y: 1, width: 1, style: Style(.danger)),
        ])
    }

    /// The diff of some rows is the whole diff's changes on those rows (a motion frame's three rows).
    @Test func aDiffOfSomeRowsIsTheWholeDiffOnThoseRows() {
        var before = Buffer(width: 12, height: 5)
        for y in 0..<5 { before.set(x: 0, y: y, string: "row \(y) 東京", style: Style(.muted)) }
        var after = before
        after.set(x: 2, y: 1, string: "x")
        after.set(x: 0, y: 3, string: "界 moved", style: Style(.accent).bold)
        after.set(x: 5, y: 4, string: "!")
        let whole = after.diff(from: before)
        #expect(after.diff(from: before, rows: [1, 3]) == whole.filter { [1, 3].contains($0.y) })
        #expect(after.diff(from: before, rows: [0, 2]).isEmpty)
        #expect(after.diff(from: before, rows: [-1, 9]).isEmpty, "rows outside the buffer are left out")
        #expect(after.changedRuns(from: before, rows: [1, 3]) == after.changedRuns(from: before).filter { [1, 3].contains($0.y) })
    }

    @Test func aResizedBufferReportsEveryCell() {
        let previous = Buffer(width: 4, height: 2)
        let current = Buffer(width: 3, height: 2)
        #expect(current.diff(from: previous).count == 6)
    }
}
