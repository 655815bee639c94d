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

/// In the serialized suite above: these change process-wide signal actions too.
extension TerminalRestoreTests {
    static func handler(_ signal: Int32) -> Int {
        var action = sigaction()
        sigaction(signal, nil, &action)
        return unsafeBitCast(action.__sigaction_handler, to: Int.self)
    }

    @Test func theResetSequenceTurnsBracketedPasteOff() {
        #expect(String(decoding: TerminalRestore.resetSequence, as: UTF8.self).contains("\u{1B}[?2004l"))
    }

    @Test func everySignalThatEndsTheProcessIsCovered() {
        let covered = Set(TerminalRestore.fatalSignals + TerminalRestore.terminatingSignals + TerminalSignal.allCases.map(\.number))
        for signal in [SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ, SIGPIPE, SIGTRAP, SIGSYS, SIGINT, SIGTERM, SIGHUP] {
            #expect(covered.contains(signal), "signal \(signal)")
        }
    }

    @Test func aSignalLeftAtItsDefaultGetsTheRestoringHandlerAndAnIgnoredOneIsLeftAlone() throws {
        var ignore = sigaction()
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        var previousUSR2 = sigaction()
        sigaction(SIGUSR2, &ignore, &previousUSR2)
        defer { sigaction(SIGUSR2, &previousUSR2, nil) }
        let defaultUSR1 = Self.handler(SIGUSR1)
        let ignoredUSR2 = Self.handler(SIGUSR2)

        let pipe = try WakePipe()
        try TerminalRestore.install(descriptor: pipe.writeDescriptor)
        let duringUSR1 = Self.handler(SIGUSR1)
        let duringUSR2 = Self.handler(SIGUSR2)
        TerminalRestore.uninstall()

        #expect(duringUSR1 != defaultUSR1, "SIGUSR1 ends the process: it restores the terminal first")
        #expect(duringUSR2 == ignoredUSR2, "an ignored SIGUSR2 ends nothing and stays ignored")
        #expect(Self.handler(SIGUSR1) == defaultUSR1)
    }

    @Test func theCrashMessageIsWrittenOnlyByACrash() throws {
        let pipe = try WakePipe()
        try TerminalRestore.install(descriptor: pipe.writeDescriptor)
        TerminalRestore.setCrashMessage("see the log", descriptor: pipe.writeDescriptor)
        TerminalRestore.restoreNow()
        TerminalRestore.uninstall()
        var bytes = [UInt8](repeating: 0, count: 512)
        let count = read(pipe.readDescriptor, &bytes, bytes.count)
        #expect(Array(bytes[..<max(0, count)]) == TerminalRestore.resetSequence, "a restore without a crash says nothing")
    }
}
