/// A one-line input field. It scrolls horizontally to keep the cursor visible, shows a placeholder
/// when empty, can mask its text (passwords), and when focused puts the terminal cursor at the
/// insertion point (``Buffer/cursor``). The text and cursor live in a ``TextInputState``.
public struct TextInput: Sendable, Hashable {
    public var placeholder: String
    /// Draw every character as `maskCharacter` (passwords).
    public var isMasked: Bool
    public var maskCharacter: Character = "•"
    public var isFocused: Bool
    public var style: Style = Style(background: .role(.input))
    public var placeholderStyle: Style = Style(foreground: .role(.muted), background: .role(.input))

    public init(placeholder: String = "", masked: Bool = false, focused: Bool = true) {
        self.placeholder = placeholder
        self.isMasked = masked
        self.isFocused = focused
    }

    /// The text as drawn: masked or not.
    public func displayedText(_ state: TextInputState) -> String {
        isMasked ? String(repeating: maskCharacter, count: state.text.count) : state.text
    }

    public func render(into buffer: inout Buffer, area: Rect, state: TextInputState) {
        guard !area.isEmpty else { return }
        let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
        buffer.fill(row, style: style)
        if state.isEmpty {
            buffer.set(x: row.x, y: row.y, string: DisplayWidth.truncate(placeholder, to: row.width), style: placeholderStyle)
            if isFocused { buffer.cursor = Position(x: row.x, y: row.y) }
            return
        }
        let characters = Array(displayedText(state))
        let cursor = min(state.cursor, characters.count)
        var cursorColumn = characters[..<cursor].reduce(0) { $0 + DisplayWidth.of($1) }
        // Scroll so the cursor (and the cell it stands on) fits.
        var first = 0
        while first < cursor && cursorColumn > row.width - 1 {
            cursorColumn -= DisplayWidth.of(characters[first])
            first += 1
        }
        buffer.set(x: row.x, y: row.y, string: String(characters[first...]), style: style, maxWidth: row.width)
        if isFocused { buffer.cursor = Position(x: row.x + min(cursorColumn, row.width - 1), y: row.y) }
    }
}
