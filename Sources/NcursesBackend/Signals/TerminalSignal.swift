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

    public var number: Int32 { rawValue }
}
