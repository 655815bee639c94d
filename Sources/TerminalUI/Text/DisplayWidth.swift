import TerminalSafety

/// How many terminal cells text takes, in agreement with how the terminal advances the cursor:
/// glibc `wcwidth` under a UTF-8 locale, as ncursesw and tmux use it. East Asian wide characters
/// and most emoji take two cells, combining marks and zero-width characters none.
///
/// Nothing that could control the terminal is ever drawn: control characters, bidirectional
/// formatting and line separators are drawn as the visible placeholders ``TerminalSafeText`` names
/// (`␛`, `␊`, `�`, `␤`), one cell each, and the invisible format characters it drops take no cell.
/// Since every string becomes cells through ``drawable(_:)``, every widget shows server text safely.
///
/// A grapheme cluster is measured as it is drawn (see ``drawable(_:)``): clusters whose terminal
/// width would disagree with their display width (ZWJ emoji sequences, VS16 sequences, skin-tone
/// modifiers, flags) are drawn as their first character only, so they take that character's width.
/// Clip and pad by this, never by `String.count`.
public enum DisplayWidth {
    /// Cells `text` takes when drawn.
    public static func of(_ text: some StringProtocol) -> Int {
        width(of: text)
    }

    /// ``of(_:)-(StringProtocol)`` for a `String`: made for `String` here (see `Buffer.set(x:y:string:style:maxWidth:)`).
    public static func of(_ text: String) -> Int {
        width(of: text)
    }

    private static func width(of text: some StringProtocol) -> Int {
        // Printable ASCII, most text, takes one cell a byte.
        if let ascii = text.utf8.withContiguousStorageIfAvailable(printableASCIICount) ?? nil { return ascii }
        var total = 0
        var index = text.startIndex
        while index < text.endIndex {
            let end = asciiRunEnd(in: text, from: index)
            if end > index {
                total += text.utf8.distance(from: index, to: end)
                index = end
            } else if let next = asciiCharacterEnd(in: text, at: index) ?? latin1CharacterEnd(in: text, at: index) {
                total += 1
                index = next
            } else {
                total += of(text[index])
                index = text.index(after: index)
            }
        }
        return total
    }

    /// Where the character at `index` ends when it is printable ASCII on its own (one cell, drawn as it
    /// is), without breaking graphemes: an ASCII byte followed by a character that cannot extend it (see
    /// ``startsCharacter(_:)``), or by nothing, is a whole character. Nil for anything else (a letter a
    /// combining mark follows, a control character, non-ASCII), which is read as a `Character`.
    @inline(__always)
    static func asciiCharacterEnd(in text: some StringProtocol, at index: String.Index) -> String.Index? {
        let utf8 = text.utf8
        let byte = utf8[index]
        guard byte >= 0x20, byte < 0x7F else { return nil }
        let next = utf8.index(after: index)
        return next == utf8.endIndex || startsCharacter(utf8[next]) ? next : nil
    }

    /// Where the character at `index` ends when it is a Latin-1 sign or letter on its own ("·", "é", "ñ":
    /// U+00A0–U+00FF but the soft hyphen, one cell each, drawn as they are), followed by ASCII or nothing;
    /// nil otherwise. The status bar's " · " and names with an accent skip grapheme breaking with it.
    @inline(__always)
    static func latin1CharacterEnd(in text: some StringProtocol, at index: String.Index) -> String.Index? {
        let utf8 = text.utf8
        let lead = utf8[index]
        guard lead == 0xC2 || lead == 0xC3 else { return nil }
        let second = utf8.index(after: index)
        guard second < utf8.endIndex else { return nil }
        let trail = utf8[second]
        // 0xC2 0x80–0x9F are C1 controls (drawn as placeholders), 0xC2 0xAD the soft hyphen.
        guard lead == 0xC3 || (trail >= 0xA0 && trail != 0xAD) else { return nil }
        let next = utf8.index(after: second)
        return next == utf8.endIndex || utf8[next] < 0x80 ? next : nil
    }

    /// Whether a character starting with the UTF-8 lead byte `byte` always begins a grapheme cluster of its
    /// own, never extending the one before (as a combining mark or a joiner would): ASCII, and U+0080–U+00FF
    /// (C1 controls, Latin-1 signs and letters: lead bytes 0xC2 and 0xC3), none of which is a mark.
    @inline(__always)
    static func startsCharacter(_ byte: UInt8) -> Bool { byte < 0x80 || byte == 0xC2 || byte == 0xC3 }

    /// The end of the printable ASCII from `index` on, each byte of it a whole character (one cell, drawn as
    /// it is): `index` when there is none. The last ASCII byte before a non-ASCII one is left out when what
    /// follows may extend it, a combining mark (see ``startsCharacter(_:)``). Text with a few accents or a
    /// "·" is mostly such stretches.
    @inline(__always)
    static func asciiRunEnd(in text: some StringProtocol, from index: String.Index) -> String.Index {
        let utf8 = text.utf8
        var (last, end) = (index, index)
        while end < utf8.endIndex, utf8[end] >= 0x20, utf8[end] < 0x7F {
            last = end
            end = utf8.index(after: end)
        }
        return end < utf8.endIndex && !startsCharacter(utf8[end]) ? last : end
    }

    /// The byte count when every byte is printable ASCII (one cell each), else nil.
    private static func printableASCIICount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        for byte in bytes where byte < 0x20 || byte >= 0x7F { return nil }
        return bytes.count
    }

    /// Cells `character` takes when drawn: `drawable(character).width`.
    public static func of(_ character: Character) -> Int {
        drawable(character).width
    }

    /// Cells the terminal advances for `scalar`: glibc `wcwidth`, with control characters and
    /// separators (for which `wcwidth` answers -1) taking 0, and code points unknown to the C
    /// library taking 1 (they are drawn as U+FFFD, see ``drawable(_:)``).
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let width = terminalWidth(scalar)
        if width >= 0 { return width }
        return isUndrawable(scalar) ? 0 : 1
    }

    /// What to put on the screen for one grapheme cluster, and how many cells it takes there.
    ///
    /// - Clusters that start with a character ``TerminalSafeText`` replaces are drawn as its
    ///   placeholder (`"\u{1B}"` as `␛`, `"\r\n"` as `␍`, U+202E as `�`), one cell; those it drops draw nothing.
    /// - Clusters that start with another zero-width character (a lone combining mark) draw nothing: `("", 0)`.
    /// - A character the C library does not know (`wcwidth` is -1, e.g. an emoji newer than the
    ///   system's Unicode tables) is drawn as U+FFFD, one cell, since terminals disagree on it.
    /// - Clusters whose terminal width (the sum of their scalars' `wcwidth`) differs from their
    ///   display width (the first character's width), and any cluster holding a ZWJ (U+200D) or
    ///   an emoji presentation selector (VS16, U+FE0F), are drawn as their first character only.
    /// - Everything else (letters with combining accents, Hangul jamo sequences) is drawn whole.
    public static func drawable(_ character: Character) -> (text: String, width: Int) {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return ("", 0) }
        if scalars.count == 1, first.value >= 0x20, first.value < 0x7F { return (String(character), 1) }
        switch TerminalSafeText.treatment(of: first) {
        case .kept: break
        case .dropped: return ("", 0)
        case .replaced(let placeholder): return (String(placeholder), 1)
        }
        let firstWidth = terminalWidth(first)
        if firstWidth < 0 {
            return isUndrawable(first) ? ("", 0) : ("\u{FFFD}", 1)
        }
        if firstWidth == 0 { return ("", 0) }
        if scalars.count == 1 { return (String(character), firstWidth) }
        var sum = 0
        for scalar in scalars {
            if scalar.value == 0x200D || scalar.value == 0xFE0F { return (String(first), firstWidth) }
            let width = terminalWidth(scalar)
            if width < 0 || TerminalSafeText.treatment(of: scalar) != .kept { return (String(first), firstWidth) }
            sum += width
        }
        return sum == firstWidth ? (String(character), firstWidth) : (String(first), firstWidth)
    }

    /// `text` cut to at most `width` cells, ending with `…` when cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        // No character takes more cells than its UTF-8 bytes: short text fits without measuring.
        guard text.utf8.count > width, of(text) > width else { return text }
        guard width > 0 else { return "" }
        var result = ""
        var used = 0
        for character in text {
            let cells = of(character)
            if used + cells > width - 1 { break }
            result.append(character)
            used += cells
        }
        return result + "…"
    }

    /// `text` padded with spaces to exactly `width` cells (truncated first when longer).
    public static func pad(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        let cut = truncate(text, to: width)
        let padding = String(repeating: " ", count: max(0, width - of(cut)))
        return alignRight ? padding + cut : cut + padding
    }

    /// `text` cut to at most `width` cells without an ellipsis, never splitting a wide character.
    public static func prefix(_ text: some StringProtocol, width: Int) -> String {
        var result = ""
        var used = 0
        for character in text {
            let cells = of(character)
            if used + cells > width { break }
            result.append(character)
            used += cells
        }
        return result
    }

    /// The raw terminal width: glibc `wcwidth` (or the built-in table where it is unavailable); -1 for
    /// characters the terminal does not print.
    static func terminalWidth(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value >= 0x20 && value < 0x7F { return 1 }
        if value < 0x20 || (value >= 0x7F && value < 0xA0) { return -1 }
        if let width = SystemWidth.shared.width(of: scalar) { return width }
        return FallbackWidthTable.width(of: scalar)
    }

    /// Control characters, line and paragraph separators and surrogates: never drawn.
    static func isUndrawable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator, .surrogate: return true
        default: return false
        }
    }
}
