import CNcurseswShim
import TerminalUI

/// Turns `wget_wch` results into `Key`s. `decode` is pure (tests need no terminal);
/// `readAvailable` is the thin part that asks ncurses.
public enum KeyDecoder {
    /// The key for one raw input, or nil for codes the app has no use for.
    public static func decode(_ input: RawInput) -> Key? {
        switch input {
        case .character(let code): decodeCharacter(code)
        case .keyCode(let code): decodeKeyCode(code)
        case .mouse(let buttonState, let x, let y): decodeMouse(buttonState: buttonState, x: x, y: y).map(Key.mouse)
        }
    }

    static func decodeCharacter(_ code: UInt32) -> Key? {
        switch code {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x1B: return .escape
        case 0x7F, 0x08: return .backspace
        case 0x00: return .control("@")
        case 0x01...0x1A: return .control(Character(Unicode.Scalar(UInt8(0x60 + code))))
        case 0x1C...0x1F: return .control(Character(Unicode.Scalar(UInt8(0x40 + code))))
        default:
            guard let scalar = Unicode.Scalar(code), !(0x80..<0xA0).contains(code) else { return nil }
            return .character(Character(scalar))
        }
    }

    static func decodeKeyCode(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME, KEY_A1: return .home
        case KEY_END, KEY_C1: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        case leora_key_function(1)...leora_key_function(63): return .function(Int(code - leora_key_function(0)))
        default: return nil
        }
    }

    /// The first event `buttonState` (an ncurses `mmask_t`) reports, wheel first.
    static func decodeMouse(buttonState: UInt32, x: Int, y: Int) -> MouseEvent? {
        let kinds: [(mmask_t, MouseEvent.Kind)] = [
            (leora_mouse_button4_pressed(), .wheelUp),
            (leora_mouse_button5_pressed(), .wheelDown),
            (leora_mouse_button1_double_clicked(), .doubleClick),
            (leora_mouse_button1_clicked(), .click),
            (leora_mouse_button3_clicked(), .rightClick),
            (leora_mouse_button1_pressed(), .press),
            (leora_mouse_button1_released(), .release),
            (leora_mouse_report_position(), .move),
        ]
        guard let kind = kinds.first(where: { buttonState & $0.0 != 0 })?.1 else { return nil }
        return MouseEvent(kind: kind, x: x, y: y)
    }

    /// Every input ncurses has ready, without waiting: call when `poll()` says stdin is
    /// readable (ncurses may hold bytes of its own, so read until it has none). `BracketedPaste`
    /// turns them into keys.
    public static func readAvailable(from window: UnsafeMutablePointer<WINDOW>) -> [RawInput] {
        nodelay(window, true)
        var inputs: [RawInput] = []
        while let input = readRaw(from: window) { inputs.append(input) }
        return inputs
    }

    static func readRaw(from window: UnsafeMutablePointer<WINDOW>) -> RawInput? {
        var character: wint_t = 0
        switch wget_wch(window, &character) {
        case OK:
            return .character(UInt32(character))
        case KEY_CODE_YES:
            let code = Int32(character)
            guard code == KEY_MOUSE else { return .keyCode(code) }
            var event = MEVENT()
            // An unreadable report still consumed the key; go on with the next one.
            guard getmouse(&event) == OK else { return .keyCode(code) }
            return .mouse(buttonState: UInt32(event.bstate), x: Int(event.x), y: Int(event.y))
        default:
            return nil
        }
    }
}
