import CNcurseswShim
#if canImport(Glibc)
import Glibc
#endif

/// Leaves a usable terminal behind even when the process dies of SIGSEGV, SIGBUS, SIGILL,
/// SIGFPE or SIGABRT. `install` saves the terminal's termios (before `initscr` changes
/// them) and installs handlers that write `resetSequence`, restore the termios with
/// `tcsetattr`, then re-install the handler found before them and re-raise, so crash
/// reporters still run. The handlers are C (signals.c) and never call ncurses.
///
/// Clean exits (`q`, SIGINT, SIGTERM, SIGHUP) do not come here: they reach the loop
/// through the `SignalPipe` and leave through `NcursesTerminal.shutdown()`.
public enum TerminalRestore {
    /// Reset attributes, mouse reporting off (X10, button, any-motion, SGR), normal cursor
    /// keys and keypad, leave the alternate screen, show the cursor.
    public static let resetSequence: [UInt8] = Array(
        ("\u{1B}[0m" + "\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1003l\u{1B}[?1006l" + "\u{1B}[?1l\u{1B}>"
            + "\u{1B}[?1049l" + "\u{1B}[?25h").utf8
    )

    public static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT]

    /// Saves the termios of `descriptor` (a terminal; anything else only gets the reset
    /// bytes) and installs the fatal-signal handlers. Call before `initscr`.
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
    }

    /// Puts the handlers found by `install` back (after a clean shutdown).
    public static func uninstall() {
        for signal in fatalSignals {
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
