import Foundation
import TerminalUI

/// How a key is written in hints and the help overlay.
public enum KeyName {
    /// The key a name in `config.yaml` stands for: one character (`x`, `X`, `:`), `Space`, `Enter`,
    /// `Esc`, `Tab`, `Shift-Tab`, `Backspace`, `Del`, `Up`/`Down`/`Left`/`Right` (or the arrows),
    /// `PgUp`, `PgDn`, `Home`, `End`, `F1`…`F12`, `Ctrl-R` (also `C-r`); case-insensitive but for
    /// single characters.
    public static func parse(_ name: String) -> Key? {
        let text = name.trimmingCharacters(in: .whitespaces)
        if text.count == 1, let character = text.first { return .character(character) }
        let lower = text.lowercased()
        for prefix in ["ctrl-", "ctrl+", "c-", "^"] where lower.hasPrefix(prefix) && lower.count == prefix.count + 1 {
            guard let letter = lower.last, letter.isLetter else { return nil }
            return .control(letter)
        }
        if lower.hasPrefix("f"), let number = Int(lower.dropFirst()), (1...12).contains(number) { return .function(number) }
        let named: [String: Key] = [
            "space": .character(" "), "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape, "tab": .tab,
            "shift-tab": .backTab, "backtab": .backTab, "backspace": .backspace, "del": .delete, "delete": .delete,
            "up": .up, "↑": .up, "down": .down, "↓": .down, "left": .left, "←": .left, "right": .right, "→": .right,
            "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown, "home": .home, "end": .end,
        ]
        return named[lower]
    }


    public static func of(_ key: Key) -> String {
        switch key {
        case .character(" "): return "Space"
        case .character(let character): return String(character)
        case .control(let character): return "Ctrl-\(character.uppercased())"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .delete: return "Del"
        case .resize: return "resize"
        case .mouse: return "mouse"
        case .function(let number): return "F\(number)"
        case .paste: return "paste"
        }
    }
}
