#if canImport(Glibc)
import Glibc
#endif
import Testing

@testable import NcursesBackend

/// Serialized: the fatal-signal handlers are process-wide.
@Suite(.serialized) struct TerminalRestoreTests {
    @Test func resetSequenceLeavesTheAlternateScreenShowsTheCursorAndStopsTheMouse() {
        let text = String(decoding: TerminalRestore.resetSequence, as: UTF8.self)
        #expect(text.hasPrefix("\u{1B}[0m"))
        for part in ["\u{1B}[?1049l", "\u{1B}[?25h", "\u{1B}[?1000l", "\u{1B}[?1002l", "\u{1B}[?1006l"] {
            #expect(text.contains(part), "missing \(part.debugDescription)")
        }
        #expect(text.hasSuffix("\u{1B}[?25h"))
        #expect(TerminalRestore.resetSequence.count < 256)
    }

    @Test func restoreWritesTheResetSequenceToTheSavedDescriptor() throws {
        let pipe = try WakePipe()
        // A pipe is not a terminal: no termios is saved, only the reset bytes are written.
        try TerminalRestore.install(descriptor: pipe.writeDescriptor)
        defer { TerminalRestore.uninstall() }
        TerminalRestore.restoreNow()
        var bytes = [UInt8](repeating: 0, count: 512)
        let count = read(pipe.readDescriptor, &bytes, bytes.count)
        #expect(Array(bytes[..<max(0, count)]) == TerminalRestore.resetSequence)
    }

    @Test func uninstallPutsTheEarlierHandlerBack() throws {
        var before = sigaction()
        sigaction(SIGBUS, nil, &before)
        let pipe = try WakePipe()
        try TerminalRestore.install(descriptor: pipe.writeDescriptor)
        var during = sigaction()
        sigaction(SIGBUS, nil, &during)
        TerminalRestore.uninstall()
        var after = sigaction()
        sigaction(SIGBUS, nil, &after)
        let handler = { (action: sigaction) in unsafeBitCast(action.__sigaction_handler, to: Int.self) }
        #expect(handler(during) != handler(before))
        #expect(handler(after) == handler(before))
    }
}
