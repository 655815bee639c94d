import TerminalSafety
import Testing
import TerminalUI

/// Text a hostile server could send, drawn through the buffer (the one place strings become cells) and
/// through a widget on top of it: no cell holds anything that could control the terminal.
@Suite struct HostileTextTests {
    static let hostile =
        "Rioja \u{1B}]0;owned\u{07}\u{1B}]52;c;ZXZpbA==\u{07}\u{1B}[2J\u{9B}6n\u{202E}lanruoj\u{2066}\nforged\u{200B} row\u{7F}"

    @Test func aHostileNameIsDrawnAsReadablePlaceholders() {
        var buffer = Buffer(width: 70, height: 1)
        buffer.set(x: 0, y: 0, string: Self.hostile)
        #expect(buffer.lines(trimmingTrailingSpaces: true) == ["Rioja ␛]0;owned␇␛]52;c;ZXZpbA==␇␛[2J�6n�lanruoj�␊forged row␡"])
        expectNoControlInAnyCell(buffer)
    }

    @Test func aHostileNameInATableCellStaysInItsCell() {
        let table = Table(columns: [Table.Column("Name", width: .length(30)), Table.Column("Stock", width: .length(6))], rowCount: 2) { range in
            range.map { Table.Row([$0 == 0 ? Self.hostile : "Crème brûlée 東京", "\($0 + 1)"]) }
        }
        var buffer = Buffer(width: 40, height: 4)
        table.render(into: &buffer, area: buffer.area, state: TableState(selected: 1, offset: 0))
        let lines = buffer.lines(trimmingTrailingSpaces: true)
        #expect(lines[1].hasPrefix("Rioja ␛]0;owned␇␛]52;c;ZXZpbA") && lines[1].hasSuffix("1"), "\(buffer.screenshot)")
        #expect(lines[2].hasPrefix("Crème brûlée 東京") && lines[2].hasSuffix("2"), "\(buffer.screenshot)")
        #expect(lines[3] == "", "no row forged by the line feed")
        expectNoControlInAnyCell(buffer)
    }

    private func expectNoControlInAnyCell(_ buffer: Buffer, sourceLocation: SourceLocation = #_sourceLocation) {
        for (index, cell) in buffer.cells.enumerated() {
            let unsafe = cell.symbol.unicodeScalars.filter { scalar in
                scalar.properties.generalCategory == .control || TerminalSafeText.treatment(of: scalar) != .kept
            }
            #expect(unsafe.isEmpty, "cell \(index % buffer.width),\(index / buffer.width): \(cell.symbol.unicodeScalars.map(\.value))", sourceLocation: sourceLocation)
        }
    }
}
