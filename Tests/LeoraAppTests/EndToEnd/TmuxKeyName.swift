import TerminalUI

/// The one place the end-to-end tests turn a binding's `Key` into what `tmux send-keys` presses.
enum TmuxKeyName {
    /// tmux's name for `key`; nil for what a keyboard cannot press through tmux (a resize, a mouse
    /// event) and for function keys past F12.
    static func of(_ key: Key) -> String? {
        switch key {
        case .character(" "): "Space"
        // A lone `;` separates tmux commands; escaped, it is the key.
        case .character(";"): "\\;"
        case .character(let character): String(character)
        case .control(let character): "C-" + String(character).lowercased()
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        case .pageUp: "PageUp"
        case .pageDown: "PageDown"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Escape"
        case .backspace: "BSpace"
        case .tab: "Tab"
        case .backTab: "BTab"
        case .delete: "DC"
        case .function(let number): (1...12).contains(number) ? "F\(number)" : nil
        case .resize, .mouse, .paste: nil
        }
    }
}
