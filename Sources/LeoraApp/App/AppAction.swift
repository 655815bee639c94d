import LeoraKit
import TerminalUI

/// Everything that can happen to the app: keys, session changes, and each screen's actions. Payloads of
/// more than a few words are indirect (see `OrdersAction`).
public enum AppAction: Sendable, Equatable {
    case started
    indirect case sessionRestored(SessionState)
    indirect case sessionChanged(SessionState)
    /// The session directory's watch fired (another `leora` logged in or out).
    case sessionFileChanged
    case key(Key)
    /// The terminal now has this many rows and columns.
    case resized(width: Int, height: Int)
    case selectTab(AppTab)
    case nextTab
    case previousTab
    case refresh
    /// The portal became reachable again, or stopped being.
    case connectivityChanged(online: Bool)
    /// The pane's cached data was marked stale: fetch it again.
    case refreshed(AppTab)
    /// Cached data of this resource was made stale (a mutation settled): the pane on show reads it again.
    case invalidated(QueryResource)
    case toggleHelp
    /// Scrolls the help overlay by this many lines.
    case scrollHelp(Int)
    case scrollHelpToTop
    case openPalette
    /// Esc (or Backspace on an empty line): closes the command line.
    case closePalette
    /// Tab: completes the command line.
    case completePalette
    /// Enter: runs the command line.
    case submitPalette
    /// A key typed on the command line.
    case editPalette(Key)
    indirect case runCommand(CommandPalette.Command)
    case quit
    case logout
    /// The runtime now talks to this profile (`:profile NAME`): the old one's panes are gone.
    indirect case profileSwitched(ProfileInfo)
    indirect case login(LoginAction)
    /// A pane's own action (`.orders(.load)`, built by the pane's file).
    case pane(PaneAction)
    case showToast(HintText, Toast.Kind)
    case toastExpired(id: Int)
}
