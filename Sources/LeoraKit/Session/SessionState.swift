/// Whether there is a usable session, and why not.
public enum SessionState: Sendable, Equatable {
    case loggedOut(reason: String?)
    case loggedIn(SavedSession)

    public var session: SavedSession? {
        if case .loggedIn(let session) = self { return session }
        return nil
    }
}
