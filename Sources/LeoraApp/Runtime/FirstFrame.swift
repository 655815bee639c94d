/// When the runtime draws its first frame: once the screen has what it is for — the login screen,
/// or the main screen with the pane on show holding data or a failure (at a warm start, from the
/// cache file) — so a start does not draw "Starting…" and then an empty pane a few milliseconds
/// before the screen the user came for, each frame costing time the one that matters waits for.
/// Never later than `longestWait` after the loop starts: a slow disk or a first visit with nothing
/// cached gets "Starting…" or the pane's loading line as before.
enum FirstFrame {
    static let longestWait: Duration = .milliseconds(100)
    /// How long a request waits for the first frame before libcurl is opened anyway: long enough for a
    /// warm start's frame (a few milliseconds), short for a start whose pane waits on the portal.
    static let requestsWait: Duration = .milliseconds(25)

    /// How much longer the first frame waits for `state`, `elapsed` after the loop started; nil
    /// when it is drawn now.
    static func wait(for state: AppState, elapsed: Duration) -> Duration? {
        guard !state.hasSomethingToShow, elapsed < longestWait else { return nil }
        return longestWait - elapsed
    }
}

extension AppState {
    /// Whether the screen shows what it is for: never while starting; always at the login screen;
    /// on the main screen once the pane on show has data, a failure, or nothing it is loading.
    var hasSomethingToShow: Bool {
        switch phase {
        case .starting: false
        case .login: true
        case .main: currentPaneUpdatedAt != nil || !Panes.route(tab).isBusy(self)
        }
    }
}
