/// A key press (or mouse event, resize or paste) as the app sees it. A backend decodes the
/// terminal's input into these (`NcursesBackend`'s `KeyDecoder`); screens and keymaps read only them.
public enum Key: Hashable, Sendable {
    /// A printable character, including wide and combining ones.
    case character(Character)
    /// Ctrl with a letter or one of `@ [ \ ] ^ _`: `.control("a")` for Ctrl-A.
    case control(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, tab, backTab, delete
    /// The terminal changed size; the runtime turns it into a resize, never a key press for a screen.
    case resize
    case mouse(MouseEvent)
    /// F1…F63.
    case function(Int)
    /// Text pasted in the terminal (bracketed paste), exactly as it came, control characters
    /// included: text for a text field, never a key that runs a binding.
    case paste(String)
}
