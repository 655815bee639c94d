import Foundation
import NcursesBackend
import TerminalUI

/// For the end-to-end test of what a crash leaves behind, and nothing else: with `LEORA_TEST_CRASH=1`
/// in its environment the terminal UI traps as soon as its first frame is on screen, as a bug
/// would. Unset, it costs one dictionary look-up at start.
enum TestCrash {
    static let variable = "LEORA_TEST_CRASH"

    static func trapIfRequested(_ environment: [String: String], terminal: NcursesTerminal) {
        guard environment[variable] == "1" else { return }
        var frame = Buffer(width: terminal.size.width, height: terminal.size.height)
        frame.set(x: 0, y: 0, string: "Leora is about to crash on purpose (\(variable)=1).")
        terminal.draw(frame)
        fatalError("\(variable)=1: the terminal UI crashed on purpose")
    }
}
