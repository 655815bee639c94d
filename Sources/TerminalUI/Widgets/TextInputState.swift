/// The text of an input field and its cursor, counted in grapheme clusters (what a person sees as
/// one character): moving and deleting never split "é" written as e + U+0301, or a wide character.
public struct TextInputState: Sendable, Hashable {
    public private(set) var text: String
    /// Characters before the cursor, 0...text.count.
    public private(set) var cursor: Int

    /// `text` with the cursor at its end unless given.
    public init(text: String = "", cursor: Int? = nil) {
        self.text = text
        self.cursor = min(max(0, cursor ?? text.count), text.count)
    }

    public var isEmpty: Bool { text.isEmpty }

    /// Inserts typed or pasted text at the cursor, leaving the cursor after it. A combining mark typed
    /// after a letter joins that letter. Newlines and other control characters are dropped.
    public mutating func insert(_ string: String) {
        let clean = String(string.unicodeScalars.filter { !DisplayWidth.isUndrawable($0) }.map(Character.init))
        guard !clean.isEmpty else { return }
        let split = index(at: cursor)
        let before = String(text[..<split]) + clean
        text = before + text[split...]
        cursor = min(before.count, text.count)
    }

    /// Backspace: removes the character before the cursor.
    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        text.remove(at: index(at: cursor - 1))
        cursor -= 1
    }

    /// Delete: removes the character at the cursor.
    public mutating func deleteForward() {
        guard cursor < text.count else { return }
        text.remove(at: index(at: cursor))
    }

    /// Ctrl-W: removes the word before the cursor and the spaces after it.
    public mutating func deleteWordBackward() {
        let characters = Array(text)
        var start = cursor
        while start > 0, characters[start - 1] == " " { start -= 1 }
        while start > 0, characters[start - 1] != " " { start -= 1 }
        text = String(characters[..<start]) + String(characters[cursor...])
        cursor = start
    }

    /// Ctrl-U: removes everything before the cursor.
    public mutating func deleteToStart() {
        text = String(text[index(at: cursor)...])
        cursor = 0
    }

    /// Ctrl-K: removes everything from the cursor on.
    public mutating func deleteToEnd() {
        text = String(text[..<index(at: cursor)])
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(text.count, cursor + 1) }
    public mutating func moveToStart() { cursor = 0 }
    public mutating func moveToEnd() { cursor = text.count }

    /// Replaces the text, cursor at the end.
    public mutating func setText(_ newText: String) {
        text = newText
        cursor = newText.count
    }

    public mutating func clear() { setText("") }

    private func index(at offset: Int) -> String.Index {
        text.index(text.startIndex, offsetBy: min(max(0, offset), text.count))
    }
}
