import CNcurseswShim
#if canImport(Glibc)
import Glibc
#endif

/// Leaves a usable terminal behind on every way the process can end without `shutdown()`.
/// `install` saves the terminal's termios (before `initscr` changes them) and installs C handlers
/// (signals.c, never ncurses) that write `resetSequence` and restore the termios with `tcsetattr`:
///
/// - for a crash (`fatalSignals`: SIGSEGV, SIGBUS, SIGILL — a Swift trap on x86_64 —, SIGTRAP — one on
///   arm64 —, SIGFPE, SIGABRT, SIGSYS) they then write the crash message, if one was set, and hand
///   over to the handler found before them and re-raise, so Swift's backtracer still runs;
/// - for every other signal whose default action ends the process (`terminatingSignals`: SIGUSR1,
///   SIGALRM, SIGPIPE…), installed only while that default is in force, they then die of the signal
///   as before. An ignored or handled one does not end the process and is left alone.
///
/// Clean exits (`q`, SIGINT, SIGTERM, SIGHUP, SIGQUIT) do not come here: they reach the loop
/// through the `SignalPipe` and leave through `NcursesTerminal.shutdown()`.
public enum TerminalRestore {
    /// Reset attributes, mouse reporting off (X10, button, any-motion, SGR), bracketed paste off,
    /// normal cursor keys and keypad, leave the alternate screen, show the cursor.
    public static let resetSequence: [UInt8] = Array(
        ("\u{1B}[0m" + "\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1003l\u{1B}[?1006l" + "\u{1B}[?2004l" + "\u{1B}[?1l\u{1B}>"
            + "\u{1B}[?1049l" + "\u{1B}[?25h").utf8
    )

    public static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT, SIGSYS]

    /// Signals whose default action ends the process, other than crashes and those the loop
    /// handles: the POSIX and Linux ones, and the real-time signals glibc leaves to programs.
    public static var terminatingSignals: [Int32] {
        let named: [Int32] = [SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ, SIGPIPE, SIGIO, SIGPWR, SIGSTKFLT]
        return named + Array(__libc_current_sigrtmin()...__libc_current_sigrtmax())
    }

    /// Saves the termios of `descriptor` (a terminal; anything else only gets the reset
    /// bytes) and installs the fatal and terminating signal handlers. Call before `initscr`.
    public static func install(descriptor: Int32 = STDOUT_FILENO) throws(TerminalError) {
        var saved = termios()
        let hasTermios = tcgetattr(descriptor, &saved) == 0
        let configured = resetSequence.withUnsafeBufferPointer { bytes in
            hasTermios
                ? leora_set_fatal_restore(descriptor, &saved, bytes.baseAddress, bytes.count)
                : leora_set_fatal_restore(descriptor, nil, bytes.baseAddress, bytes.count)
        }
        guard configured == 0 else { throw .systemCallFailed("leora_set_fatal_restore", errno: EINVAL) }
        installAlternateSignalStack()
        for signal in fatalSignals {
            // Already installed (a second install) keeps the first chain intact.
            _ = leora_install_fatal_signal_handler(signal)
        }
        for signal in terminatingSignals {
            _ = leora_install_terminating_signal_handler(signal)
        }
    }

    /// What a crash writes once the terminal is restored — where the details went — and to which
    /// descriptor (the terminal's standard error); nil for nothing.
    public static func setCrashMessage(_ message: String?, descriptor: Int32 = STDERR_FILENO) {
        guard let message else {
            _ = leora_set_crash_message(-1, nil, 0)
            return
        }
        // Cut, never refused: the C side holds under 1024 bytes.
        let bytes = Array(message.utf8.prefix(1000))
        _ = bytes.withUnsafeBufferPointer { pointer in
            pointer.withMemoryRebound(to: CChar.self) { leora_set_crash_message(descriptor, $0.baseAddress, $0.count) }
        }
    }

    /// Puts the handlers found by `install` back (after a clean shutdown) and forgets the crash message.
    public static func uninstall() {
        setCrashMessage(nil)
        for signal in fatalSignals + terminatingSignals {
            _ = leora_uninstall_fatal_signal_handler(signal)
        }
    }

    /// Does what the fatal handlers do before handing over, now.
    public static func restoreNow() {
        leora_restore_terminal_now()
    }

    /// A stack overflow leaves no stack for a handler: give this thread a spare one unless
    /// it has one already (Swift's crash reporter may have set it). Kept for the process's life.
    private static func installAlternateSignalStack() {
        var current = stack_t()
        guard sigaltstack(nil, &current) == 0, current.ss_flags & Int32(SS_DISABLE) != 0 else { return }
        let size = 64 * 1024
        var spare = stack_t()
        spare.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        spare.ss_size = size
        spare.ss_flags = 0
        sigaltstack(&spare, nil)
    }
}
