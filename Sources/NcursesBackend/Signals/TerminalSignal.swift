#if canImport(Glibc)
import Glibc
#endif

/// The signals the loop handles itself. Their handlers only write one byte — the signal
/// number — to the wake pipe; the loop then resizes or shuts down cleanly.
public enum TerminalSignal: Int32, CaseIterable, Sendable {
    case windowChanged = 28  // SIGWINCH
    case interrupt = 2  // SIGINT
    case terminate = 15  // SIGTERM
    case hangup = 1  // SIGHUP
    /// Ctrl-\ in the terminal: a clean quit, like Ctrl-C (Swift's runtime would otherwise take it
    /// for a crash and start its interactive backtracer over the screen).
    case quit = 3  // SIGQUIT
    /// Ctrl-Z: the loop gives the terminal back (bracketed paste and mouse off too), stops, and takes
    /// it again when continued (`NcursesTerminal.suspend()`), instead of ncurses' own handler, which
    /// would leave bracketed paste on in the shell and off once back.
    case suspend = 20  // SIGTSTP

    public var number: Int32 { rawValue }
}
