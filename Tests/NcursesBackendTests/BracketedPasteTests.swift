import CNcurseswShim
import TerminalUI
import Testing

@testable import NcursesBackend

/// What the terminal sends between `ESC [200~` and `ESC [201~` is one paste, never keys.
@Suite struct BracketedPasteTests {
    static let start = Array("\u{1B}[200~".unicodeScalars)
    static let end = Array("\u{1B}[201~".unicodeScalars)
    let now = ContinuousClock.now

    static func inputs(_ text: String) -> [RawInput] { text.unicodeScalars.map { .character($0.value) } }

    @Test func aPasteBetweenTheMarkersIsOneKeyWithItsControlCharactersKept() {
        var decoder = BracketedPaste()
        let keys = decoder.keys(from: Self.inputs("a\u{1B}[200~xyz\u{7F}\u{7F}\u{7F}\rcy\u{1B}[201~b"), at: now)
        #expect(keys == [.character("a"), .paste("xyz\u{7F}\u{7F}\u{7F}\rcy"), .character("b")])
        #expect(!decoder.isPasting)
    }

    @Test func aPasteMaySpanReads() {
        var decoder = BracketedPaste()
        #expect(decoder.keys(from: Self.inputs("\u{1B}[200~héllo "), at: now) == [])
        #expect(decoder.isPasting)
        #expect(decoder.keys(from: Self.inputs("世界\u{1B}[20"), at: now) == [])
        #expect(decoder.keys(from: Self.inputs("1~q"), at: now) == [.paste("héllo 世界"), .character("q")])
    }

    @Test func escapeSequencesInsideAPasteAreText() {
        var decoder = BracketedPaste()
        let keys = decoder.keys(from: Self.inputs("\u{1B}[200~\u{1B}[2J\u{1B}[20x\u{1B}[201~"), at: now)
        #expect(keys == [.paste("\u{1B}[2J\u{1B}[20x")])
    }

    @Test func keyCodesAndMouseReportsInsideAPasteAreDroppedButAResizeGoesThrough() {
        var decoder = BracketedPaste()
        let inputs = Self.inputs("\u{1B}[200~a") + [.keyCode(KEY_UP), .mouse(buttonState: 4, x: 1, y: 1), .keyCode(KEY_RESIZE)] + Self.inputs("b\u{1B}[201~")
        #expect(decoder.keys(from: inputs, at: now) == [.resize, .paste("ab")])
    }

    @Test func escapeAloneAndOtherSequencesStayKeys() {
        var decoder = BracketedPaste()
        #expect(decoder.keys(from: Self.inputs("\u{1B}"), at: now) == [.escape])
        #expect(decoder.keys(from: Self.inputs("\u{1B}[20"), at: now) == [.escape, .character("["), .character("2"), .character("0")])
        #expect(!decoder.isPasting)
    }

    @Test func aPasteWhoseEndNeverComesEndsAfterTheTimeout() {
        var decoder = BracketedPaste(timeout: .seconds(1))
        #expect(decoder.keys(from: Self.inputs("\u{1B}[200~lost\u{1B}[2"), at: now) == [])
        #expect(decoder.keys(from: Self.inputs("q"), at: now + .seconds(2)) == [.paste("lost\u{1B}[2"), .character("q")])
    }

    @Test func aLongPasteIsCut() {
        var decoder = BracketedPaste(maximumLength: 5)
        #expect(decoder.keys(from: Self.inputs("\u{1B}[200~0123456789\u{1B}[201~"), at: now) == [.paste("01234")])
    }
}
