/// A named colour role: widgets ask for "accent" or "danger", the ``Theme`` says which colour
/// that is. Every theme file defines every role.
public enum ColorRole: String, Sendable, Hashable, CaseIterable {
    /// The screen's background.
    case background
    /// The background of raised things: modals, toasts, the help overlay.
    case surface
    /// Ordinary text.
    case text
    /// Secondary text: hints, timestamps, placeholders.
    case muted
    /// Emphasis: keys in hints, links, the current item's marker.
    case accent
    /// Titles of panes and modals.
    case title
    /// Box-drawing borders and separators.
    case border
    /// The background of the selected row.
    case selection
    /// The text of the selected row.
    case selectionText
    case success
    case warning
    case danger
    case info
    /// A metric going the good way.
    case trendUp
    /// A metric going the bad way.
    case trendDown
    /// The current tab's title.
    case tabActive
    /// The other tabs' titles.
    case tabInactive
    /// The status bar's background.
    case statusBar
    /// The status bar's text.
    case statusBarText
    /// Counts on tabs (the cart's items) and similar markers.
    case badge
    /// The background of text input fields.
    case input
}

extension ColorRole {
    /// Backgrounds that mark something (the selected row, the status bar): they must stay visible
    /// at every colour depth.
    var isHighlight: Bool {
        switch self {
        case .selection, .statusBar: true
        default: false
        }
    }
}
