import TerminalUI
import Testing

@testable import LeoraApp

@Suite struct SearchFieldTests {
    @Test func editsChangeEnterCommitsEscapePutsTheTextBack() {
        var field = SearchField()
        field.open(with: "rio")
        #expect(field.isActive)
        #expect(field.reduce(.character("j")) == .changed("rioj"))
        #expect(field.reduce(.left) == .ignored, "moving the cursor changes no search")
        #expect(field.reduce(.escape) == .cancelled)
        #expect(!field.isActive)
        #expect(field.input.text == "rio")
        field.open(with: "  rioja ")
        #expect(field.reduce(.enter) == .committed("rioja"))
        #expect(!field.isActive)
    }
}
