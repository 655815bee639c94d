import Testing
import TerminalUI

@Suite struct WrappedTextTests {
    @Test func wrapsAtWordsByDisplayWidth() {
        let text = "Revenue is up 12% on last week, led by Rioja reorders from three restaurants."
        #expect(WrappedText.wrap(text, width: 30) == [
            "Revenue is up 12% on last",
            "week, led by Rioja reorders",
            "from three restaurants.",
        ])
    }

    @Test func wideCharactersCountTwice() {
        #expect(WrappedText.wrap("東京 大阪 名古屋", width: 9) == ["東京 大阪", "名古屋"])
    }

    @Test func longWordsAreHardBrokenWithoutSplittingWideCharacters() {
        #expect(WrappedText.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(WrappedText.wrap("東京都庁舎", width: 5) == ["東京", "都庁", "舎"])
        #expect(WrappedText.wrap("see https://portal.example/orders/123", width: 12) == ["see", "https://port", "al.example/o", "rders/123"])
    }

    @Test func newlinesAndSpaces() {
        #expect(WrappedText.wrap("one\n\ntwo  three", width: 20) == ["one", "", "two three"])
        #expect(WrappedText.wrap("", width: 10) == [""])
        #expect(WrappedText.wrap("anything", width: 0) == [])
    }

    @Test func everyLineFits() {
        let text = "Crème brûlée 東京 👨‍👩‍👧 e\u{301}tude supercalifragilistic 한국어 texto"
        for width in 1...20 {
            for line in WrappedText.wrap(text, width: width) {
                #expect(DisplayWidth.of(line) <= width, "width \(width): \(line)")
            }
        }
    }
}
