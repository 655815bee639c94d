import Testing

@testable import TerminalUI

/// A cell holds its grapheme inline: no heap `String`, compared as integers, the same text back.
@Suite struct GlyphTests {
    @Test func aCellHoldsNoReference() {
        // Plain old data: copying a cell retains nothing, and a buffer of them is one allocation.
        #expect(_isPOD(Cell.self))
        #expect(_isPOD(Glyph.self))
    }

    @Test func graphemesComeBackAsTheyWent() {
        let family = "👨‍👩‍👧‍👦"  // 25 bytes: kept in the table
        for text in ["", " ", "a", "~", "é", "中", "␛", "�", "🍷", "e\u{301}", "🇫🇷", family] {
            #expect(Glyph(text).string == text)
            #expect(Glyph(text).withUTF8 { Array($0) } == Array(text.utf8))
            #expect(Glyph(text).withCString { String(cString: $0) } == text)
            #expect(Cell(symbol: text, width: 1).symbol == text)
        }
        #expect(Glyph(family) == Glyph(family))
        #expect(Glyph(family) != Glyph("🍷"))
    }

    @Test func sevenBytesInlineAndAsciiTheSameAsText() {
        let seven = String(repeating: "a", count: 7)
        #expect(Glyph(seven).string == seven)
        #expect(Glyph(String(repeating: "a", count: 8)).string == String(repeating: "a", count: 8))
        // A cell is two words: a row of 120 is 30 cache lines, not 45.
        #expect(MemoryLayout<Glyph>.size == 8)
        #expect(MemoryLayout<Cell>.size == 16)
        for byte in UInt8(0x20)..<0x7F {
            #expect(Glyph(ascii: byte) == Glyph(String(UnicodeScalar(byte))))
        }
        #expect(Glyph.empty.isEmpty && !Glyph.space.isEmpty)
    }

    @Test func theDiffSkipsEqualRowsAndNamesChangedOnes() {
        var before = Buffer(width: 10, height: 4)
        before.set(x: 0, y: 1, string: "hello")
        var after = before
        after.set(x: 2, y: 2, string: "中x")
        #expect(after.changedRows(from: before) == [2])
        #expect(after.diff(from: before).map(\.x) == [2, 4])
        #expect(before.changedRows(from: before) == [])
        #expect(after.changedRows(from: Buffer(width: 9, height: 4)) == [0, 1, 2, 3])
    }

    /// What the terminal draws without decoding UTF-8: one printable ASCII byte, and nothing else.
    @Test func printableASCIIIsTheOneByteGlyphsOnly() {
        for byte in UInt8(0x20)..<0x7F {
            #expect(Glyph(ascii: byte).printableASCII == byte)
            #expect(Glyph(String(UnicodeScalar(byte))).printableASCII == byte)
        }
        for text in ["", "ab", "é", "中", "␛", "\u{7F}", "\u{1B}", "\t", "e\u{301}", "👨‍👩‍👧‍👦", String(repeating: "a", count: 7)] {
            #expect(Glyph(text).printableASCII == nil, "\(text.debugDescription)")
        }
    }
}
