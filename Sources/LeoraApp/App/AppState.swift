import Foundation
import LeoraKit
import PortalAPI
import TerminalUI

/// The whole app's state: which phase it is in, the session, each pane's state and what floats above.
public struct AppState: Sendable, Equatable {
    public enum Phase: Sendable, Equatable {
        /// Reading the saved session.
        case starting
        case login
        case main
    }

    /// The `:` command line while it is open.
    public struct Palette: Sendable, Equatable {
        public var input = TextInputState()
        /// Why the last command could not run.
        public var message: String?
        public init() {}
    }

    /// A notice shown for a few seconds.
    public struct ToastMessage: Sendable, Equatable {
        public var id: Int
        public var message: String
        public var kind: Toast.Kind
    }

    public var server: String
    /// The profile in use (`default` unless chosen); the status bar names any other.
    public var profile = "default" {
        didSet { identity = Self.identity(profile: profile, session: session) }
    }
    /// The profiles `:profile` offers.
    public var profileNames: [String] = []
    public var phase: Phase = .starting
    public var login: LoginState
    @OutOfLine public var session: SavedSession? = nil {
        didSet {
            permissions = Self.permissions(of: session)
            timeZone = Self.timeZone(of: session)
            identity = Self.identity(profile: profile, session: session)
        }
    }
    /// What the session's user may do (the contract's names; one this version does not know is left out):
    /// kept with the session, as most keys and every frame ask.
    public private(set) var permissions: Set<Permission> = []
    /// The tenant's time zone for every time shown (UTC when the portal names none this system knows):
    /// kept with the session, as every frame asks.
    public private(set) var timeZone = Self.timeZone(of: nil)
    /// Whose portal this is, as the status bar names it ("⟨work⟩ rep@northwind"): kept with the profile and
    /// the session, as every frame draws it.
    public private(set) var identity = ""
    public var tab: AppTab = .briefing
    /// The tab a followed link came from (the briefing): Esc on what the link opened goes back there.
    public var returnTab: AppTab?
    /// Each pane's state (`orders`, `cart`…, named by the panes' files).
    public var panes = PaneStates()
    public var isOnline = true
    /// The terminal's size, for hit-testing clicks.
    public var screenWidth = 80
    public var screenHeight = 24
    public var toast: ToastMessage?
    public var nextToastID = 0
    public var showsHelp = false
    /// How far the help overlay is scrolled.
    public var helpScroll = 0
    public var palette: Palette?
    /// Keys rebound in `config.yaml`.
    public var keyOverrides = KeyOverrides.none
    /// The themes `:theme` offers.
    public var themeNames: [String] = []

    /// `pane`'s state.
    subscript<P: Pane>(pane pane: P.Type) -> P.State {
        _read { yield panes[pane: pane] }
        _modify { yield &panes[pane: pane] }
    }

    public init(server: String, email: String? = nil, profile: String = "default") {
        self.server = server
        self.profile = profile
        self.login = LoginState(server: server, email: email)
        self.login.profile = profile
        self.identity = Self.identity(profile: profile, session: nil)
    }

    private static func permissions(of session: SavedSession?) -> Set<Permission> {
        Set((session?.permissions ?? []).compactMap(Permission.init))
    }

    /// The cart's item count for the tab bar; nil until known.
    public var cartItemCount: Int? { cart.cart?.itemCount }

    /// Whether anything is being fetched (the status bar's spinner, and the loop's 10 frames a second).
    /// Offline nothing is: what waits for the connection waits, and the badge says so.
    public var isLoading: Bool {
        switch phase {
        case .starting: true
        case .login: login.isSubmitting
        // Each pane's busy flag is kept with its state (`PaneStates.isBusy`); only a pane never touched is asked.
        case .main: isOnline && Panes.all.contains { panes.isBusy($0.tab) ?? $0.isBusy(self) }
        }
    }

    /// When the current pane's data arrived.
    public var currentPaneUpdatedAt: Date? { Panes.route(tab).updatedAt(self) }
    /// The selected row of the list on show: "12 of 640".
    public var currentPanePosition: ListPosition? { Panes.route(tab).position(self) }

    private static func identity(profile: String, session: SavedSession?) -> String {
        // The profile, when one other than `default` is in use: whose portal this is.
        var identity = profile == "default" ? "" : "⟨\(profile)⟩ "
        if let session {
            let email = session.user.email
            // The "@" found among the bytes: searching the characters walks grapheme breaks.
            let user = email.utf8.firstIndex(of: UInt8(ascii: "@")).map { String(email[..<$0]) } ?? (email.isEmpty ? session.user.name : email)
            identity += user + "@" + (session.tenant?.slug ?? session.user.tenantId)
        }
        return identity
    }

    private static func timeZone(of session: SavedSession?) -> TimeZone {
        session?.tenant.flatMap { TimeZone(identifier: $0.timezone) } ?? TimeZone(identifier: "UTC") ?? .current
    }
}
