import CNcurseswShim
import TerminalUI
import Testing

@testable import NcursesBackend

@Suite struct KeyDecoderTests {
    @Test(arguments: [
        (RawInput.character(0x61), Key.character("a")),
        (.character(0x4E16), .character("世")),
        (.character(0xE9), .character("é")),
        (.character(0x1F600), .character("😀")),
        (.character(0x0D), .enter),
        (.character(0x0A), .enter),
        (.character(0x09), .tab),
        (.character(0x1B), .escape),
        (.character(0x7F), .backspace),
        (.character(0x08), .backspace),
        (.character(0x01), .control("a")),
        (.character(0x1A), .control("z")),
        (.character(0x00), .control("@")),
        (.character(0x1F), .control("_")),
    ])
    func characters(input: RawInput, key: Key) {
        #expect(KeyDecoder.decode(input) == key)
    }

    @Test(arguments: [
        (KEY_UP, Key.up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
        (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown), (KEY_HOME, .home), (KEY_END, .end),
        (KEY_ENTER, .enter), (KEY_BACKSPACE, .backspace), (KEY_DC, .delete), (KEY_BTAB, .backTab),
        (KEY_RESIZE, .resize), (KEY_F0 + 1, .function(1)), (KEY_F0 + 12, .function(12)),
    ])
    func keyCodes(code: Int32, key: Key) {
        #expect(KeyDecoder.decode(.keyCode(code)) == key)
    }

    @Test func unknownCodesAreDropped() {
        #expect(KeyDecoder.decode(.keyCode(KEY_F0)) == nil)
        #expect(KeyDecoder.decode(.keyCode(KEY_MOUSE)) == nil)
        #expect(KeyDecoder.decode(.character(0x85)) == nil)
        #expect(KeyDecoder.decode(.character(0xD800)) == nil)
    }

    @Test func mouse() {
        func decode(_ mask: mmask_t) -> Key? { KeyDecoder.decode(.mouse(buttonState: mask, x: 7, y: 3)) }
        #expect(decode(leora_mouse_button1_clicked()) == .mouse(MouseEvent(kind: .click, x: 7, y: 3)))
        #expect(decode(leora_mouse_button1_double_clicked()) == .mouse(MouseEvent(kind: .doubleClick, x: 7, y: 3)))
        #expect(decode(leora_mouse_button3_clicked()) == .mouse(MouseEvent(kind: .rightClick, x: 7, y: 3)))
        #expect(decode(leora_mouse_button4_pressed()) == .mouse(MouseEvent(kind: .wheelUp, x: 7, y: 3)))
        #expect(decode(leora_mouse_button5_pressed()) == .mouse(MouseEvent(kind: .wheelDown, x: 7, y: 3)))
        #expect(decode(leora_mouse_report_position()) == .mouse(MouseEvent(kind: .move, x: 7, y: 3)))
        #expect(decode(0) == nil)
    }
}
