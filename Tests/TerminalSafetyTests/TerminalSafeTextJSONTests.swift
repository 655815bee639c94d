import Foundation
import Testing
import TerminalSafety

@Suite struct TerminalSafeTextJSONTests {
    struct Named: Codable, Equatable { var name: String; var notes: [String] }

    @Test func c1ControlsAndBidiOverridesAreEscapedAndDecodeToTheSameStrings() throws {
        let value = Named(name: "Rioja\u{9B}6n\u{202E}lanruoj\u{1B}]0;x\u{07}", notes: ["é 東京 \u{2066}x\u{2069}", "a\u{2028}b\u{200B}c\u{7F}"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let raw = String(decoding: try encoder.encode(value), as: UTF8.self)
        #expect(raw.unicodeScalars.contains("\u{9B}"), "JSONEncoder passes C1 controls raw")

        let escaped = TerminalSafeText.escapingUnsafeCharacters(inJSON: raw)
        #expect(escaped.contains(#"Rioja\u009b6n\u202elanruoj"#))
        #expect(escaped.contains(#"\u2066x\u2069"#))
        #expect(escaped.contains(#"a\u2028b\u200bc\u007f"#))
        #expect(escaped.contains("é 東京"), "everything else stays as it is")
        #expect(escaped.contains("\n  \"name\""), "the document's own line breaks stay")
        #expect(!escaped.unicodeScalars.contains { $0.value >= 0x7F && TerminalSafeText.treatment(of: $0) != .kept })
        #expect(try JSONDecoder().decode(Named.self, from: Data(escaped.utf8)) == value)
    }

    @Test func safeJSONIsUnchanged() {
        let json = "{\n  \"name\" : \"Crème 東京 👨‍👩‍👧\"\n}"
        #expect(TerminalSafeText.escapingUnsafeCharacters(inJSON: json) == json)
    }
}
