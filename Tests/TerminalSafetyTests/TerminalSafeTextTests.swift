import Foundation
import Testing
import TerminalSafety

@Suite struct TerminalSafeTextTests {
    @Test(arguments: [
        // Escape sequences: the ESC and BEL become pictures, the rest stays readable.
        ("Rioja\u{1B}]0;owned\u{07}", "Rioja␛]0;owned␇"),
        ("\u{1B}]52;c;ZXZpbA==\u{07}", "␛]52;c;ZXZpbA==␇"),
        ("\u{1B}[2J\u{1B}[6n", "␛[2J␛[6n"),
        // Every C0 control, line breaks and tabs included.
        ("a\nb\rc\td\u{0}e\u{1F}", "a␊b␍c␉d␀e␟"),
        ("one\r\ntwo", "one␍␊two"),
        ("del\u{7F}", "del␡"),
        // C1 controls: CSI, OSC, NEL.
        ("\u{9B}6n", "\u{FFFD}6n"),
        ("\u{9D}0;x\u{9C}", "\u{FFFD}0;x\u{FFFD}"),
        ("a\u{85}b", "a\u{FFFD}b"),
        // Bidirectional marks, embeddings, overrides and isolates.
        ("invoice\u{202E}fdp.exe", "invoice\u{FFFD}fdp.exe"),
        ("\u{202A}\u{202B}\u{202C}\u{202D}", "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"),
        ("\u{2066}x\u{2067}y\u{2068}z\u{2069}", "\u{FFFD}x\u{FFFD}y\u{FFFD}z\u{FFFD}"),
        ("\u{200E}\u{200F}\u{061C}", "\u{FFFD}\u{FFFD}\u{FFFD}"),
        // Line and paragraph separators.
        ("a\u{2028}b\u{2029}c", "a␤b␤c"),
        // Invisible format characters are dropped.
        ("NW-10\u{200B}42\u{FEFF}", "NW-1042"),
        ("a\u{2060}b\u{2063}c\u{206A}d\u{FFF9}e", "abcde"),
    ])
    func unsafeCharactersAreReplacedOrDropped(input: String, expected: String) {
        #expect(TerminalSafeText.sanitized(input) == expected)
        #expect(!TerminalSafeText.isSafe(input))
    }

    @Test(arguments: [
        "Rioja Reserva 2019",
        "Crème brûlée",
        "Cre\u{301}me",  // a combining accent
        "Ørsted Vinhandel",
        "Château Lafite-Rothschild",
        "東京酒店",
        "한국어 와인",
        "Москва",
        "Ελληνικά",
        "שלום",
        "مرحبا",
        "می\u{200C}خواهم",  // Persian with a zero-width non-joiner
        "👨‍👩‍👧",  // joined by ZWJ
        "❤️ 1️⃣",  // variation selectors
        "🇪🇸",
        "Ａ全角",
        "\u{1112}\u{1161}\u{11AB}",  // Hangul jamo
        "␛ � ␤",  // the placeholders themselves
        "",
    ])
    func everydayTextOfEveryScriptIsUntouched(text: String) {
        #expect(TerminalSafeText.isSafe(text))
        #expect(TerminalSafeText.sanitized(text) == text)
        #expect(TerminalSafeText.sanitized(Substring(text)) == text)
    }

    @Test func sanitisedTextHasNoControlOrBidiCharacterLeftAndSanitisesToItself() {
        var everything = String.UnicodeScalarView()
        for value in UInt32(0)...0x3000 {
            if let scalar = Unicode.Scalar(value) { everything.append(scalar) }
        }
        for value in UInt32(0xFE00)...0xFFFD {
            if let scalar = Unicode.Scalar(value) { everything.append(scalar) }
        }
        let safe = TerminalSafeText.sanitized(String(everything))
        let forbidden = safe.unicodeScalars.filter { scalar in
            scalar.properties.generalCategory == .control || [0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x200B, 0xFEFF].contains(scalar.value)
                || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
        }
        #expect(forbidden.isEmpty, "\(forbidden.map { String($0.value, radix: 16) })")
        #expect(TerminalSafeText.isSafe(safe))
        #expect(TerminalSafeText.sanitized(safe) == safe)
    }

    @Test func treatmentsOfEachClass() {
        #expect(TerminalSafeText.treatment(of: "\u{1B}") == .replaced(by: "␛"))
        #expect(TerminalSafeText.treatment(of: "\u{9B}") == .replaced(by: TerminalSafeText.replacementCharacter))
        #expect(TerminalSafeText.treatment(of: "\u{202E}") == .replaced(by: TerminalSafeText.replacementCharacter))
        #expect(TerminalSafeText.treatment(of: "\u{200B}") == .dropped)
        #expect(TerminalSafeText.treatment(of: "\u{200D}") == .kept)
        #expect(TerminalSafeText.treatment(of: "\u{301}") == .kept)
        #expect(TerminalSafeText.treatment(of: "é") == .kept)
    }
}
