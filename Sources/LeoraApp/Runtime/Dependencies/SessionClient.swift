import LeoraKit

/// The session: restoring it, watching it, keeping it fresh, logging in and out, and whether the
/// portal can be reached.
public struct SessionClient: Sendable {
    public var restore: @Sendable () async -> SessionState
    public var states: @Sendable () async -> AsyncStream<SessionState>
    /// The session directory's watch fired.
    public var fileChanged: @Sendable () async -> Void
    public var maintain: @Sendable () async -> Void
    public var login: @Sendable (_ email: String, _ password: String) async throws -> SavedSession
    public var logout: @Sendable () async -> Void
    /// The main screen was left (logout here or elsewhere, expiry): forget the user's cached data.
    public var ended: @Sendable () async -> Void
    /// Online or not as it changes; offline, it watches for the portal's return.
    public var connectivity: @Sendable () -> AsyncStream<Bool>
    /// Asks `/auth/me` who the user is now (on reconnecting): a changed role or an ended session shows
    /// through `states`.
    public var checkMe: @Sendable () async -> Void

    public init(
        restore: @escaping @Sendable () async -> SessionState, states: @escaping @Sendable () async -> AsyncStream<SessionState> = { AsyncStream { $0.finish() } },
        fileChanged: @escaping @Sendable () async -> Void = {}, maintain: @escaping @Sendable () async -> Void = {},
        login: @escaping @Sendable (String, String) async throws -> SavedSession, logout: @escaping @Sendable () async -> Void = {},
        ended: @escaping @Sendable () async -> Void = {}, connectivity: @escaping @Sendable () -> AsyncStream<Bool> = { AsyncStream { $0.finish() } },
        checkMe: @escaping @Sendable () async -> Void = {}
    ) {
        self.restore = restore
        self.states = states
        self.fileChanged = fileChanged
        self.maintain = maintain
        self.login = login
        self.logout = logout
        self.ended = ended
        self.connectivity = connectivity
        self.checkMe = checkMe
    }

    /// The session store behind `data`; `keeper` adopts the user's cache as soon as the user is known.
    /// The first restore is started at once (`RestoreAhead`).
    static func live(data: PortalData, keeper: QueryCacheKeeper) -> SessionClient {
        let session = data.session
        let restore: @Sendable () async -> SessionState = {
            let restored = await session.restore()
            StartupTrace.shared.mark("session file read")
            if case .loggedIn(let saved) = restored {
                await keeper.adopt(userId: saved.user.id)
                StartupTrace.shared.mark("query cache file read")
            }
            return restored
        }
        let ahead = RestoreAhead(restore)
        return SessionClient(
            restore: {
                if let started = ahead.take() { return await started.value }
                return await restore()
            },
            states: { await session.states() },
            fileChanged: { await session.sessionFileChanged() },
            maintain: { await session.maintain() },
            login: { email, password in
                let saved = try await session.login(email: email, password: password)
                await keeper.adopt(userId: saved.user.id)
                return saved
            },
            logout: {
                // A held cart press is the rep's: it reaches the portal before the session ends.
                await data.portalCart.sendHeldChanges()
                await session.logout()
            },
            ended: { await keeper.forget() },
            connectivity: { data.connectivity() },
            checkMe: { _ = try? await session.pollMe() })
    }
}
