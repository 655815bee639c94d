/// Text from elsewhere (the server, above all) made safe to show on a terminal: nothing left in it can
/// send the terminal a control sequence (a window title, a clipboard write, a cleared screen, a
/// request the terminal answers), start a new line, or reverse the text around it. Letters of every
/// script, combining marks, wide characters, emoji and their joiners are kept as they are.
///
/// What becomes of each code point (``treatment(of:)``):
///
/// | code points | shown as |
/// |---|---|
/// | C0 controls U+0000–U+001F (ESC, BEL, tab, line feed, carriage return…) | their control pictures U+2400–U+241F: `␛` `␇` `␉` `␊` `␍` |
/// | DEL U+007F | `␡` (U+2421) |
/// | C1 controls U+0080–U+009F (CSI U+009B, OSC U+009D, NEL U+0085…) | `�` (U+FFFD) |
/// | bidirectional marks, embeddings, overrides and isolates: U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069 | `�` (U+FFFD) |
/// | line and paragraph separators U+2028, U+2029 | `␤` (U+2424) |
/// | invisible format characters with no part in displayed text: zero-width space U+200B, word joiner and invisible operators U+2060–U+2064, deprecated format characters U+206A–U+206F, byte order mark U+FEFF, interlinear annotation U+FFF9–U+FFFB | dropped |
/// | everything else, including ZWNJ/ZWJ (U+200C, U+200D) and variation selectors | kept |
///
/// Every placeholder takes one terminal cell, and sanitised text sanitises to itself.
public enum TerminalSafeText {
    /// What becomes of one code point on its way to a terminal.
    public enum Treatment: Sendable, Equatable {
        case kept
        case dropped
        case replaced(by: Unicode.Scalar)
    }

    /// Shown for C1 controls and bidirectional formatting characters: U+FFFD.
    public static let replacementCharacter: Unicode.Scalar = "\u{FFFD}"

    /// `text` with every code point the table above names replaced or dropped.
    public static func sanitized(_ text: some StringProtocol) -> String {
        if isSafe(text) { return String(text) }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch treatment(of: scalar) {
            case .kept: result.append(scalar)
            case .dropped: break
            case .replaced(let placeholder): result.append(placeholder)
            }
        }
        return String(result)
    }

    /// Whether `text` is shown as it is: no code point in it is replaced or dropped.
    public static func isSafe(_ text: some StringProtocol) -> Bool {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return true }
        return text.unicodeScalars.allSatisfy { treatment(of: $0) == .kept }
    }

    /// What becomes of `scalar`, as the table above says.
    public static func treatment(of scalar: Unicode.Scalar) -> Treatment {
        switch scalar.value {
        case 0x20..<0x7F: .kept
        case 0x00..<0x20: .replaced(by: Unicode.Scalar(0x2400 + scalar.value) ?? replacementCharacter)
        case 0x7F: .replaced(by: "\u{2421}")
        case 0x80...0x9F: .replaced(by: replacementCharacter)
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: .replaced(by: replacementCharacter)
        case 0x2028, 0x2029: .replaced(by: "\u{2424}")
        case 0x200B, 0x2060...0x2064, 0x206A...0x206F, 0xFEFF, 0xFFF9...0xFFFB: .dropped
        default: .kept
        }
    }
}
