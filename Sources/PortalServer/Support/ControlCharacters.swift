/// Control characters in a string from a request. They are refused (400) rather than stored,
/// because storage and lookups would otherwise disagree about them (SQLite's text binding stops at
/// NUL) and because they would reach other clients' terminals as control.
enum ControlCharacters {
    /// Whether `text` holds a C0 control, DEL or a C1 control. Tab, line feed and carriage return
    /// pass when `allowingLineBreaks` (free text such as order notes).
    static func contained(in text: some StringProtocol, allowingLineBreaks: Bool = false) -> Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: !allowingLineBreaks
            case 0x00...0x1F, 0x7F...0x9F: true
            default: false
            }
        }
    }

    /// The JSON path of the first string (key or value) in a parsed body holding a control character.
    static func firstField(in object: Any, path: String = "") -> String? {
        switch object {
        case let string as String:
            return contained(in: string, allowingLineBreaks: true) ? (path.isEmpty ? "body" : path) : nil
        case let dictionary as [String: Any]:
            for (key, value) in dictionary.sorted(by: { $0.key < $1.key }) {
                let field = path.isEmpty ? key : "\(path).\(key)"
                if contained(in: key) { return field }
                if let found = firstField(in: value, path: field) { return found }
            }
            return nil
        case let array as [Any]:
            for (index, value) in array.enumerated() {
                if let found = firstField(in: value, path: "\(path)[\(index)]") { return found }
            }
            return nil
        default:
            return nil
        }
    }
}
