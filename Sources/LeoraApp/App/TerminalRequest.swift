/// Something for the terminal itself, which only the loop that owns it may do. Reducers return
/// them as effects (`Effect.terminal`); the runtime carries them out on its own thread.
public enum TerminalRequest: Sendable, Equatable {
    /// Puts `text` on the system clipboard through the terminal (OSC 52).
    case copyToClipboard(String)
    /// Switches to the theme with this name.
    case applyTheme(String)
    /// Switches the running app to the profile with this name: its session, cache and server.
    case switchProfile(String)
    /// Ends the loop: the terminal is restored and `leora` exits.
    case quit
}
