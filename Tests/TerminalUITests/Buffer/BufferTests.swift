import Testing
import TerminalUI

@Suite struct BufferTests {
    /// A frame is drawn into the buffer the terminal let go of: cleared, it is a fresh buffer, in place
    /// when the size is the same.
    @Test func aClearedBufferIsAFreshOne() {
        var buffer = Buffer(width: 12, height: 3)
        buffer.set(x: 0, y: 1, string: "東京 ±", style: Style(.accent).bold)
        buffer.cursor = Position(x: 3, y: 1)
        buffer.clear(width: 12, height: 3)
        #expect(buffer == Buffer(width: 12, height: 3))
        buffer.set(x: 2, y: 2, string: "x")
        buffer.clear(width: 7, height: 4)
        #expect(buffer == Buffer(width: 7, height: 4))
    }

    @Test func linesAreThePlainTextOfEachRow() {
        var buffer = Buffer(width: 10, height: 3)
        buffer.set(x: 0, y: 0, string: "Orders")
        buffer.set(x: 2, y: 1, string: "東京 ok")
        #expect(buffer.lines() == ["Orders    ", "  東京 ok ", "          "])
        #expect(buffer.lines(trimmingTrailingSpaces: true) == ["Orders", "  東京 ok", ""])
    }

    @Test func wideCharacterAtTheRightEdgeBecomesASpace() {
        var buffer = Buffer(width: 5, height: 1)
        let end = buffer.set(x: 0, y: 0, string: "ab漢字", style: Style(.accent))
        #expect(buffer.lines() == ["ab漢 "])
        #expect(buffer[4, 0] == Cell.blank(Style(.accent)))
        #expect(end == 5)
        #expect(buffer[2, 0].width == 2)
        #expect(buffer[3, 0].isContinuation)
    }

    @Test func clipsToMaxWidthByCells() {
        var buffer = Buffer(width: 12, height: 1)
        buffer.set(x: 1, y: 0, string: "東京都庁", maxWidth: 5)
        buffer.set(x: 7, y: 0, string: "éé\u{301}xyz", maxWidth: 3)
        #expect(buffer.lines() == [" 東京  éé\u{301}x  "])
        #expect(buffer[5, 0] == .blank, "the third wide character did not fit in 5 cells")
    }

    @Test func controlCharactersAreDrawnAsPicturesAndZeroWidthCharactersTakeNoCells() {
        var buffer = Buffer(width: 6, height: 1)
        buffer.set(x: 0, y: 0, string: "a\tb\u{200B}c\n")
        #expect(buffer.lines() == ["a␉bc␊ "])
    }

    @Test func clustersAreDrawnAsTheirDrawableText() {
        var buffer = Buffer(width: 8, height: 1)
        let end = buffer.set(x: 0, y: 0, string: "👨‍👩‍👧❤️x")
        #expect(buffer.lines() == ["👨❤x    "])
        #expect(end == 4)
    }

    @Test func overwritingHalfOfAWideCharacterBlanksTheOtherHalf() {
        var buffer = Buffer(width: 6, height: 1)
        buffer.set(x: 0, y: 0, string: "漢字ab")
        buffer.set(x: 1, y: 0, string: "x")
        #expect(buffer.lines() == [" x字ab"])
        buffer.set(x: 2, y: 0, string: "y")
        #expect(buffer.lines() == [" xy ab"])
        #expect(buffer.cells.allSatisfy { !$0.isContinuation })
    }

    @Test func aRunOfPlainTextOverWideCharactersBlanksTheHalvesItCuts() {
        var buffer = Buffer(width: 8, height: 1)
        buffer.set(x: 0, y: 0, string: "漢字東京")
        #expect(buffer.set(x: 1, y: 0, string: "abcd", maxWidth: 3) == 4)
        #expect(buffer.lines() == [" abc東京"])
        #expect(buffer.set(x: 4, y: 0, string: "xyz") == 7)
        #expect(buffer.lines() == [" abcxyz "])
        #expect(buffer.cells.allSatisfy { !$0.isContinuation })
    }

    @Test func wideCharacterOverANarrowOneAndAWideOne() {
        var buffer = Buffer(width: 6, height: 1)
        buffer.set(x: 0, y: 0, string: "a漢字")
        buffer.set(x: 0, y: 0, string: "東")
        #expect(buffer.lines() == ["東 字 "])
    }

    @Test func drawingOutsideIsIgnoredAndNegativeStartsClip() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.set(x: 0, y: 5, string: "nope")
        buffer.set(x: -1, y: 0, string: "漢abc")
        #expect(buffer.lines() == [" abc"])
        buffer.set(x: 9, y: 0, string: "x")
        #expect(buffer.lines() == [" abc"])
    }

    @Test func fillAndPatchStyle() {
        var buffer = Buffer(width: 6, height: 2)
        buffer.set(x: 0, y: 0, string: "漢字ab", style: Style(.text))
        buffer.fill(Rect(x: 1, y: 0, width: 2, height: 2), style: Style(background: .role(.surface)))
        #expect(buffer.lines() == ["    ab", "      "])
        buffer.patchStyle(Rect(x: 4, y: 0, width: 2, height: 1), with: Style(background: .role(.selection), attributes: .bold))
        #expect(buffer[4, 0].symbol == "a")
        #expect(buffer[4, 0].style == Style(foreground: .role(.text), background: .role(.selection), attributes: .bold))
    }
}
