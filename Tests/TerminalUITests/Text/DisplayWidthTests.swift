#if canImport(Glibc)
import Glibc
#endif
import TerminalSafety
import Testing
@testable import TerminalUI

/// glibc `wcwidth` as the terminal side uses it: process locale C.UTF-8, looked up with dlsym
/// because Glibc's Swift module does not declare it.
private let systemWCWidth: (@Sendable (UInt32) -> Int)? = {
    #if canImport(Glibc)
    guard setlocale(LC_ALL, "C.UTF-8") != nil else { return nil }
    guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "wcwidth") else { return nil }
    let function = unsafeBitCast(symbol, to: (@convention(c) (wchar_t) -> Int32).self)
    return { Int(function(wchar_t(bitPattern: $0))) }
    #else
    return nil
    #endif
}()

/// Latin, accents, combining marks, CJK, kana, Hangul (syllables and jamo), fullwidth forms,
/// general punctuation (zero-width characters), emoji, controls.
private let sampledRanges: [ClosedRange<UInt32>] = [
    0x00...0x7F, 0x80...0x24F, 0x300...0x36F, 0x1AB0...0x1AFF, 0x2000...0x206F, 0x2E80...0x2EFF,
    0x3000...0x30FF, 0x4E00...0x4FFF, 0xAC00...0xAFFF, 0x1100...0x11FF, 0xD7B0...0xD7FF,
    0xFE00...0xFE0F, 0xFF00...0xFFEF, 0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F900...0x1F9FF,
    0x20000...0x200FF,
]

private func sampledScalars() -> [Unicode.Scalar] {
    sampledRanges.flatMap { $0.compactMap(Unicode.Scalar.init) }
}

@Suite struct DisplayWidthTests {
    @Test func agreesWithGlibcWcwidth() throws {
        let wcwidth = try #require(systemWCWidth, "C.UTF-8 locale or wcwidth unavailable")
        var disagreements: [String] = []
        for scalar in sampledScalars() where TerminalSafeText.treatment(of: scalar) == .kept {
            let expected = wcwidth(scalar.value)
            let actual = DisplayWidth.of(scalar)
            let ok = expected >= 0 ? actual == expected : actual == (DisplayWidth.isUndrawable(scalar) ? 0 : 1)
            if !ok { disagreements.append("U+\(String(scalar.value, radix: 16, uppercase: true)) wcwidth \(expected) ours \(actual)") }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements: \(disagreements.prefix(20))")
    }

    @Test func singleCharacterStringsMeasureLikeWcwidth() throws {
        let wcwidth = try #require(systemWCWidth)
        for scalar in sampledScalars() where wcwidth(scalar.value) >= 0 && TerminalSafeText.treatment(of: scalar) == .kept {
            let text = String(Character(scalar))
            #expect(DisplayWidth.of(text) == wcwidth(scalar.value), "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test func usesTheCLibraryHere() {
        #expect(SystemWidth.shared.isAvailable)
    }

    @Test func fallbackTableMatchesWcwidthOnCommonText() throws {
        let wcwidth = try #require(systemWCWidth)
        let common: [ClosedRange<UInt32>] = [
            0x20...0x7E, 0xA0...0x24F, 0x300...0x36F, 0x3040...0x30FF, 0x4E00...0x9FFF, 0xAC00...0xD7A3,
            0x1100...0x11FF, 0xFF01...0xFF60, 0x1F600...0x1F64F,
        ]
        var disagreements: [String] = []
        for scalar in common.flatMap({ $0.compactMap(Unicode.Scalar.init) }) {
            let expected = wcwidth(scalar.value)
            let actual = FallbackWidthTable.width(of: scalar)
            if expected != actual { disagreements.append("U+\(String(scalar.value, radix: 16, uppercase: true)) wcwidth \(expected) table \(actual)") }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count): \(disagreements.prefix(20))")
    }

    @Test func widthsOfEverydayText() {
        #expect(DisplayWidth.of("Rioja 2019") == 10)
        #expect(DisplayWidth.of("Crème brûlée") == 12)
        #expect(DisplayWidth.of("Cre\u{300}me") == 5)
        #expect(DisplayWidth.of("東京") == 4)
        #expect(DisplayWidth.of("한국어") == 6)
        #expect(DisplayWidth.of("a\u{7}b\tc") == 5, "a␇b␉c")
        #expect(DisplayWidth.of("😀") == 2)
    }

    @Test(arguments: [
        ("e\u{301}", "e\u{301}", 1),
        ("é", "é", 1),
        ("\u{1112}\u{1161}\u{11AB}", "\u{1112}\u{1161}\u{11AB}", 2),
        ("👨‍👩‍👧", "👨", 2),
        ("❤️", "❤", 1),
        ("1️⃣", "1", 1),
        ("👍🏽", "👍", 2),
        ("🇪🇸", "🇪", 1),
        ("\u{301}", "", 0),
        ("\u{200B}", "", 0),
        ("\u{FEFF}", "", 0),
        ("\r\n", "␍", 1),
        ("\u{1B}", "␛", 1),
        ("\t", "␉", 1),
        ("\u{7F}", "␡", 1),
        ("\u{9B}", "\u{FFFD}", 1),
        ("\u{202E}", "\u{FFFD}", 1),
        ("\u{2067}", "\u{FFFD}", 1),
        ("\u{200F}", "\u{FFFD}", 1),
        ("\u{2028}", "␤", 1),
        ("\u{378}", "\u{FFFD}", 1),
        ("漢", "漢", 2),
    ])
    func drawableClusters(cluster: String, text: String, width: Int) throws {
        let character = try #require(cluster.first)
        #expect(cluster.count == 1)
        let drawable = DisplayWidth.drawable(character)
        #expect(drawable.text == text)
        #expect(drawable.width == width)
        #expect(DisplayWidth.of(character) == width)
    }

    @Test func drawnClustersAdvanceTheTerminalByTheirWidth() throws {
        let wcwidth = try #require(systemWCWidth)
        for cluster in ["e\u{301}", "👨‍👩‍👧", "❤️", "👍🏽", "🇪🇸", "漢", "\u{1112}\u{1161}\u{11AB}", "Å"] {
            let drawable = DisplayWidth.drawable(cluster.first!)
            let advance = drawable.text.unicodeScalars.reduce(0) { $0 + wcwidth($1.value) }
            #expect(advance == drawable.width, "\(cluster)")
        }
    }

    /// Every code point the sanitiser replaces or drops is measured as what is drawn for it, and the
    /// terminal advances by exactly that.
    @Test func charactersThatWouldControlTheTerminalMeasureAsTheirPlaceholders() throws {
        let wcwidth = try #require(systemWCWidth)
        for scalar in sampledScalars() where TerminalSafeText.treatment(of: scalar) != .kept {
            let drawable = DisplayWidth.drawable(Character(scalar))
            #expect(TerminalSafeText.isSafe(drawable.text), "U+\(String(scalar.value, radix: 16))")
            let advance = drawable.text.unicodeScalars.reduce(0) { $0 + wcwidth($1.value) }
            #expect(advance == drawable.width && DisplayWidth.of(String(Character(scalar))) == drawable.width, "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test func truncateAndPadByCells() {
        #expect(DisplayWidth.truncate("Ribera del Duero", to: 10) == "Ribera de…")
        #expect(DisplayWidth.truncate("東京都庁", to: 5) == "東京…")
        #expect(DisplayWidth.truncate("short", to: 10) == "short")
        #expect(DisplayWidth.truncate("anything", to: 0) == "")
        #expect(DisplayWidth.pad("東京", to: 6) == "東京  ")
        #expect(DisplayWidth.pad("42", to: 5, alignRight: true) == "   42")
        #expect(DisplayWidth.prefix("東京都", width: 5) == "東京")
    }

    @Test func doesNotChangeTheProcessLocale() {
        #if canImport(Glibc)
        _ = systemWCWidth  // the test's own setlocale happens once, before this check
        let before = String(cString: setlocale(LC_CTYPE, nil))
        _ = DisplayWidth.of("漢字")
        #expect(String(cString: setlocale(LC_CTYPE, nil)) == before)
        #endif
    }
}

/// Issue 13: text is measured and written a stretch of printable ASCII at a time, the rest a character at
/// a time. Whatever it mixes (accents composed and combining, wide characters, ZWJ sequences, controls,
/// "·", Latin-1), the whole text measures and draws as its grapheme clusters, each as `drawable` makes it, one
/// after another.
@Suite struct MixedTextTests {
    static let pieces = [
        "a", "Z", " ", "e", "\u{301}", "é", "東", "·", "…", "\t", "👨‍👩‍👧", "\u{200D}", "\u{FE0F}", "1,000", "\u{1B}", "Ω",
        "ñ", "\u{A0}", "\u{AD}", "\u{85}", "ÿ", "\u{308}",
    ]

    @Test func mixedTextMeasuresAndDrawsAsItsClusters() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<400 {
            let text = (0..<Int.random(in: 1...12, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
            expectDrawnAsClusters(text)
        }
    }

    /// Latin-1 (U+0080–U+00FF) skips grapheme breaking when ASCII or nothing follows, and lets the ASCII before
    /// it do so too: each of them, alone, between letters, before a combining mark and after a space.
    @Test func latin1MeasuresAndDrawsAsItsClusters() {
        for value in UInt32(0x80)...0xFF {
            let character = String(Character(Unicode.Scalar(value)!))
            for text in [character, "a\(character)b", "\(character)\u{301}", " \(character)", "\(character)\(character) x", "1 of 9 \(character) now"] {
                expectDrawnAsClusters(text)
            }
        }
    }

    private func expectDrawnAsClusters(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let clusters = text.map(DisplayWidth.drawable)
        #expect(DisplayWidth.of(text) == clusters.reduce(0) { $0 + $1.width }, "\(text.unicodeScalars.map(\.value))", sourceLocation: sourceLocation)
        var whole = Buffer(width: 60, height: 1)
        let end = whole.set(x: 1, y: 0, string: text, style: Style(.accent))
        var expected = Buffer(width: 60, height: 1)
        var x = 1
        for (symbol, width) in clusters where width > 0 {
            expected.set(x: x, y: 0, cell: Cell(symbol: symbol, width: width, style: Style(.accent)))
            x += width
        }
        #expect(end == x, sourceLocation: sourceLocation)
        #expect(whole == expected, "\(text.unicodeScalars.map(\.value))", sourceLocation: sourceLocation)
    }
}
