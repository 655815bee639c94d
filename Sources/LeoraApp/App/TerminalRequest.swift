/// Something for the terminal itself, which only the loop that owns it may do. Reducers append
/// requests to `AppState.terminalRequests`; the runtime carries them out after each action.
public enum TerminalRequest: Sendable, Equatable {
    /// Puts `text` on the system clipboard through the terminal (OSC 52).
    case copyToClipboard(String)
    /// Switches to the theme with this name.
    case applyTheme(String)
}
