import Testing
import TerminalUI

@Suite struct TextInputTests {
    @Test func editingByGrapheme() {
        var state = TextInputState()
        state.insert("cafe")
        state.insert("\u{301}")
        #expect(state.text == "cafe\u{301}")
        #expect(state.text.count == 4)
        #expect(state.cursor == 4)
        state.moveLeft()
        state.insert("東京")
        #expect(state.text == "caf東京e\u{301}")
        #expect(state.cursor == 5)
        state.deleteForward()
        #expect(state.text == "caf東京")
        state.deleteBackward()
        #expect(state.text == "caf東")
        state.moveToStart()
        state.deleteBackward()
        state.deleteForward()
        #expect(state.text == "af東")
        #expect(state.cursor == 0)
        state.moveToEnd()
        state.insert("👨‍👩‍👧")
        state.deleteBackward()
        #expect(state.text == "af東")
    }

    @Test func controlCharactersAreNotInserted() {
        var state = TextInputState()
        state.insert("12\n\t3\u{1B}")
        #expect(state.text == "123")
    }

    @Test func wordAndLineDeletion() {
        var state = TextInputState(text: "ribera del duero")
        state.deleteWordBackward()
        #expect(state.text == "ribera del ")
        state.deleteWordBackward()
        #expect(state.text == "ribera ")
        state.moveLeft()
        state.moveLeft()
        state.deleteToEnd()
        #expect(state.text == "riber")
        state.moveLeft()
        state.deleteToStart()
        #expect(state.text == "r")
        #expect(state.cursor == 0)
    }

    @Test func rendersWithTheCursorAfterWideAndCombiningCharacters() {
        var buffer = Buffer(width: 20, height: 1)
        let state = TextInputState(text: "Cafe\u{301} 東京")
        TextInput().render(into: &buffer, area: Rect(x: 2, y: 0, width: 12, height: 1), state: state)
        expectScreen(buffer, ["  Cafe\u{301} 東京"])
        #expect(buffer.cursor == Position(x: 11, y: 0))
        #expect(buffer[13, 0].style.background == .role(.input))
    }

    @Test func scrollsToKeepTheCursorVisible() {
        var buffer = Buffer(width: 10, height: 1)
        let state = TextInputState(text: "bodega ruiz e hijos")
        TextInput().render(into: &buffer, area: Rect(x: 0, y: 0, width: 8, height: 1), state: state)
        expectScreen(buffer, ["e hijos"])
        #expect(buffer.cursor == Position(x: 7, y: 0))
    }

    @Test func maskedForPasswordsAndPlaceholderWhenEmpty() {
        var buffer = Buffer(width: 20, height: 2)
        TextInput(masked: true).render(into: &buffer, area: Rect(x: 0, y: 0, width: 20, height: 1), state: TextInputState(text: "s3cr€t"))
        TextInput(placeholder: "you@example.com", focused: false).render(into: &buffer, area: Rect(x: 0, y: 1, width: 20, height: 1), state: TextInputState())
        expectScreen(buffer, ["••••••", "you@example.com"])
        #expect(buffer.cursor == Position(x: 6, y: 0))
    }
}
