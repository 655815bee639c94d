/// What of a paste goes into a one-line text field: its text without control characters (line
/// breaks, tabs, Esc, Delete and the C1 controls are dropped, never run as keys), and only the
/// characters the field allows.
enum PastedText {
    static func insertable(_ text: String, allowed: (Character) -> Bool = { _ in true }) -> String {
        String(text.filter { character in !character.unicodeScalars.contains { $0.properties.generalCategory == .control } && allowed(character) })
    }
}
