import Testing

@testable import TerminalUI

/// A list scrolled by a line is found as a shift of its rows, which a terminal scrolls in place; what
/// the diff then writes over the scrolled screen makes it the new frame, whatever moved.
@Suite struct RowShiftTests {
    static let unknown = Cell(glyph: .empty, width: 3)

    static func table(_ state: TableState) -> Buffer {
        var buffer = Buffer(width: 50, height: 16)
        buffer.set(x: 0, y: 0, string: "1 Briefing │ 2 Orders", style: Style(.accent))
        let table = Table(
            columns: [.init("Number", width: .length(9)), .init("Customer", width: .fill(1)), .init("Total", width: .length(9), alignment: .right)],
            rows: (0..<100).map { Table.Row(["NW-\(1000 + $0)", $0 % 4 == 0 ? "東京の酒場 \($0)" : "Le Petit Zinc \($0)", "$\($0 * 37).00"]) })
        table.render(into: &buffer, area: Rect(x: 1, y: 2, width: 48, height: 12), state: state)
        buffer.set(x: 1, y: 15, string: "\(state.selected ?? 0) of 100", style: Style(.muted))
        return buffer
    }

    /// The screen a terminal shows after scrolling `previous` and writing the diff over it.
    static func screen(after current: Buffer, from previous: Buffer) -> (screen: Buffer, shift: RowShift?, written: Int) {
        let shift = current.rowShift(from: previous)
        var screen = shift.map { previous.shifted($0, filling: unknown) } ?? previous
        let changes = current.diff(from: screen)
        #expect(current.diff(from: previous, after: shift) == changes, "the diff after the shift is the diff from the shifted frame")
        #expect(current.changedRuns(from: previous, after: shift) == current.changedRuns(from: screen), "and so are its runs")
        for change in changes { screen.set(x: change.x, y: change.y, cell: change.cell) }
        return (screen, shift, changes.count)
    }

    @Test func jOnTheLastRowScrollsTheRowsUpALine() {
        var state = TableState(selected: 10, offset: 0)
        let previous = Self.table(state)
        state.apply(.by(1), rowCount: 100, visibleRows: 11)
        let current = Self.table(state)
        let (screen, shift, written) = Self.screen(after: current, from: previous)
        // The data rows are 3...13: rows 3...11 take the ones below; 12 (the row the selection left) and 13
        // (the new row, selected) are written.
        #expect(shift == RowShift(top: 3, bottom: 12, lines: 1))
        #expect(screen == current, "\(screen.screenshot)\n\(current.screenshot)")
        #expect(written < current.diff(from: previous).count, "written \(written)")
    }

    @Test func kOnTheFirstRowScrollsTheRowsDownALine() {
        var state = TableState(selected: 20, offset: 20)
        let previous = Self.table(state)
        state.apply(.by(-1), rowCount: 100, visibleRows: 11)
        let current = Self.table(state)
        let (screen, shift, _) = Self.screen(after: current, from: previous)
        // Rows 5...13 take the ones above; 3 (the new row, selected) and 4 (the row the selection left) are written.
        #expect(shift == RowShift(top: 4, bottom: 13, lines: -1))
        #expect(screen == current)
    }

    @Test func noShiftWithoutRowsThatMoved() {
        let frame = Self.table(TableState(selected: 3))
        #expect(frame.rowShift(from: frame) == nil)
        var moved = TableState(selected: 3)
        moved.apply(.by(1), rowCount: 100, visibleRows: 11)
        #expect(Self.table(moved).rowShift(from: frame) == nil, "the selection moved within the rows shown")
        #expect(Buffer(width: 50, height: 15).rowShift(from: frame) == nil)
        #expect(Buffer(width: 50, height: 16, filledWith: Cell(symbol: "x", width: 1)).rowShift(from: frame) == nil)
    }

    /// Frames of random rows, some blocks moved a line, some rows changed, wide characters among them:
    /// the scrolled screen with the diff written over it is always the new frame.
    @Test func theScrolledScreenWithTheDiffIsAlwaysTheNewFrame() {
        var generator = SystemRandomNumberGenerator()
        let words = ["ab", "東京", "Zürich", "  ", "界界", "x", "—"]
        func row(_ y: Int, _ buffer: inout Buffer) {
            buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1), style: Bool.random(using: &generator) ? .plain : Style(.muted))
            var x = Int.random(in: 0..<3, using: &generator)
            while x < buffer.width {
                x = buffer.set(x: x, y: y, string: words.randomElement(using: &generator)!, style: Bool.random(using: &generator) ? .plain : Style(.accent)) + 1
            }
        }
        for _ in 0..<300 {
            let (width, height) = (Int.random(in: 3...20, using: &generator), Int.random(in: 2...12, using: &generator))
            var previous = Buffer(width: width, height: height)
            for y in 0..<height { row(y, &previous) }
            var current = previous
            let top = Int.random(in: 0..<height, using: &generator)
            let bottom = Int.random(in: top..<height, using: &generator)
            if top < bottom { current = previous.shifted(RowShift(top: top, bottom: bottom, lines: Bool.random(using: &generator) ? 1 : -1), filling: .blank) }
            for y in 0..<height where Int.random(in: 0..<4, using: &generator) == 0 { row(y, &current) }
            let (screen, _, _) = Self.screen(after: current, from: previous)
            #expect(screen == current, "\(previous.screenshot)\n\(current.screenshot)\n\(screen.screenshot)")
        }
    }
}
