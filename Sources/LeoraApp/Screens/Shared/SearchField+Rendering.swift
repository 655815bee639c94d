import TerminalUI

extension SearchField {
    /// The search line above a list: the field while it is open, else the search in force (`query`)
    /// and the key that changes it; nothing when there is neither. Whether it drew a line.
    func renderLine(
        query: String, placeholder: String, change: KeyBinding, keys: KeyOverrides, into buffer: inout Buffer, area inner: Rect
    ) -> Bool {
        guard isActive || !query.isEmpty else { return false }
        let x = buffer.set(x: inner.x, y: inner.y, string: "Search: ", style: Style(.accent).bold)
        if isActive {
            TextInput(placeholder: placeholder, focused: true).render(into: &buffer, area: Rect(x: x, y: inner.y, width: min(40, inner.right - x), height: 1), state: input)
        } else {
            let hint: HintText = "  (\(keys: change) to change)"
            buffer.set(x: x, y: inner.y, string: query + hint.resolved(keys), style: .plain, maxWidth: inner.right - x)
        }
        return true
    }
}
