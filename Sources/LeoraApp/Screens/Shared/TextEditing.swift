import LeoraKit
import TerminalUI

/// The editing keys every one-line input understands (the login form has its own focus rules).
enum TextEditing {
    /// Applies `key` to `input`; returns whether the key was an editing key. `allowed` filters typed characters.
    @discardableResult
    static func apply(_ key: Key, to input: inout TextInputState, allowed: (Character) -> Bool = { _ in true }) -> Bool {
        switch key {
        case .character(let character):
            if allowed(character) { input.insert(String(character)) }
        case .paste(let text):
            input.insert(PastedText.insertable(text, allowed: allowed))
        case .backspace: input.deleteBackward()
        case .delete: input.deleteForward()
        case .left: input.moveLeft()
        case .right: input.moveRight()
        case .home, .control("a"): input.moveToStart()
        case .end, .control("e"): input.moveToEnd()
        case .control("u"): input.deleteToStart()
        case .control("k"): input.deleteToEnd()
        case .control("w"): input.deleteWordBackward()
        default: return false
        }
        return true
    }
}
