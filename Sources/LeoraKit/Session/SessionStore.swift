#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI

/// The session: login, logout, refresh and `/auth/me`, and every authenticated call made through
/// `perform`, which refreshes first when the access cookie is (nearly) gone and answers a 401 with one
/// refresh and one retry — never more. Refreshes are single-flight in the process and, through the
/// session file's lock, across every running `leora`: a newer token another copy obtained is adopted
/// instead of refreshing again (the server revokes sessions whose retired tokens come back late).
public actor SessionStore {
    /// Refresh before a request when less than this remains (or no access cookie is left).
    public static let refreshBeforeRequest: Duration = .seconds(30)
    /// Refresh in the background when less than this remains.
    public static let refreshInBackground: Duration = .seconds(120)
    /// Poll `/auth/me` this often.
    public static let mePollInterval: Duration = .seconds(300)

    public nonisolated let client: PortalClient
    public nonisolated let file: SessionFile
    /// The profile's query cache, forgotten at logout.
    public nonisolated let cacheDirectory: URL?
    private let now: @Sendable () -> Date
    public private(set) var state: SessionState = .loggedOut(reason: nil)
    private var refreshing: Task<Void, any Error>?
    private var observers: [Int: AsyncStream<SessionState>.Continuation] = [:]
    private var nextObserver = 0

    public init(client: PortalClient, file: SessionFile, cacheDirectory: URL? = nil, now: @escaping @Sendable () -> Date = { Date() }) {
        self.client = client
        self.file = file
        self.cacheDirectory = cacheDirectory
        self.now = now
    }

    /// Adopts the saved session, if any. A corrupt or unreadable file means logged out, with a message.
    @discardableResult
    public func restore() -> SessionState {
        do {
            if let saved = try file.read() {
                // A session made with another server (the profile's address changed) is never sent to this one.
                guard saved.server == client.server.absoluteString else {
                    update(.loggedOut(reason: "The saved session is for \(saved.server); log in to \(client.server.absoluteString)"))
                    return state
                }
                adopt(saved)
            } else {
                update(.loggedOut(reason: nil))
            }
        } catch let unreadable as SessionFile.Unreadable {
            let where_ = unreadable.movedTo.map { " (moved to \($0))" } ?? ""
            update(.loggedOut(reason: "The saved session could not be read\(where_); log in again"))
        } catch {
            update(.loggedOut(reason: "The saved session could not be read; log in again"))
        }
        return state
    }

    public func login(email: String, password: String) async throws -> SavedSession {
        client.transport.replaceCookies(with: [])
        let user = try await client.login(email: email, password: password)
        let me = try? await client.me()
        let saved = SavedSession(
            server: client.server.absoluteString, cookies: client.transport.cookies(), user: me?.user ?? user, tenant: me?.tenant,
            permissions: me?.permissions ?? [], savedAt: now())
        try await file.withLock {
            // The profile's address changed since its last session: what that server's user left
            // (a checkout journal, a cart queue) must never be replayed here. Moved aside, not deleted.
            if let previous = try? file.read(), previous.server != saved.server { file.moveAsideOtherServerFiles(of: previous.server) }
            try file.write(saved)
        }
        update(.loggedIn(saved))
        return saved
    }

    /// Ends the session on the server (when reachable) and forgets it here, in every other copy,
    /// and in the persisted query cache.
    public func logout() async {
        _ = try? await client.logout()
        client.transport.replaceCookies(with: [])
        _ = try? await file.withLock { try file.remove() }
        if let cacheDirectory { try? FileManager.default.removeItem(at: cacheDirectory) }
        update(.loggedOut(reason: nil))
    }

    /// Runs an authenticated call with the refresh rules of the contract.
    public func perform<T: Sendable>(_ operation: @Sendable (PortalClient) async throws -> T) async throws -> T {
        guard state.session != nil else { throw PortalError.notLoggedIn(reason: "Not logged in; run `leora login`") }
        if needsRefresh(within: Self.refreshBeforeRequest) {
            try await refresh()
        }
        do {
            return try await operation(client)
        } catch let error as PortalError where error.isUnauthorized {
            try await refresh()
            return try await operation(client)
        }
    }

    /// Refreshes in the background when under two minutes remain; a failure that is not a logout is ignored.
    public func refreshIfDue() async {
        guard state.session != nil, needsRefresh(within: Self.refreshInBackground) else { return }
        try? await refresh()
    }

    /// `/auth/me`: the user, tenant and permissions as the server sees them now.
    @discardableResult
    public func pollMe() async throws -> SavedSession? {
        let me = try await perform { client in try await client.me() }
        guard var saved = state.session else { return nil }
        saved.user = me.user
        saved.tenant = me.tenant
        saved.permissions = me.permissions
        saved.cookies = client.transport.cookies()
        saved.savedAt = now()
        let updated = saved
        try await file.withLock { try file.write(updated) }
        update(.loggedIn(updated))
        return updated
    }

    /// Keeps the session alive while the app runs: refreshes in the background when under two minutes
    /// remain and polls `/auth/me` every five minutes, sleeping in between (no timer ticks while idle).
    /// Ends when logged out or cancelled.
    public func maintain(sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) async {
        var lastMe = now()
        while state.session != nil, !Task.isCancelled {
            let untilMe = Self.mePollInterval - .seconds(now().timeIntervalSince(lastMe))
            let untilRefresh = accessExpiry().map { Duration.seconds($0.timeIntervalSince(now())) - Self.refreshInBackground } ?? .zero
            do {
                try await sleep(max(.seconds(1), min(untilMe, untilRefresh)))
            } catch {
                return
            }
            await refreshIfDue()
            if now().timeIntervalSince(lastMe) >= TimeInterval(Self.mePollInterval.components.seconds) {
                _ = try? await pollMe()
                lastMe = now()
            }
        }
    }

    /// When the access cookie the cookie engine holds expires (as recorded when it arrived).
    public func accessExpiry() -> Date? {
        client.transport.cookies().first { $0.name == Wire.accessCookie }?.expires
    }

    /// Another `leora` changed the session file: adopt what it holds, or log out if it is gone.
    public func sessionFileChanged() {
        do {
            guard let saved = try file.read() else {
                if state.session != nil {
                    client.transport.replaceCookies(with: [])
                    update(.loggedOut(reason: "Logged out in another window"))
                }
                return
            }
            guard saved.server == client.server.absoluteString else {
                if state.session != nil {
                    client.transport.replaceCookies(with: [])
                    update(.loggedOut(reason: "The saved session is now for \(saved.server); log in again"))
                }
                return
            }
            if saved != state.session { adopt(saved) }
        } catch {
            client.transport.replaceCookies(with: [])
            update(.loggedOut(reason: "The saved session could not be read; log in again"))
        }
    }

    /// Every state change, starting with the current state.
    public func states() -> AsyncStream<SessionState> {
        let (stream, continuation) = AsyncStream.makeStream(of: SessionState.self, bufferingPolicy: .bufferingNewest(8))
        let id = nextObserver
        nextObserver += 1
        observers[id] = continuation
        continuation.yield(state)
        continuation.onTermination = { [weak self] _ in
            Task { await self?.removeObserver(id) }
        }
        return stream
    }

    // MARK: Refresh

    /// One refresh at a time in this process; callers arriving meanwhile share it.
    public func refresh() async throws {
        if let refreshing {
            return try await refreshing.value
        }
        let task = Task { try await self.refreshHoldingTheFileLock() }
        refreshing = task
        defer { refreshing = nil }
        try await task.value
    }

    private func refreshHoldingTheFileLock() async throws {
        let presented = client.transport.cookies().first { $0.name == Wire.refreshCookie }?.value
        try await file.withLock {
            // Another copy may have refreshed already: adopt its newer token instead of reusing ours.
            if let saved = try? file.read(), saved.refreshToken != nil, saved.refreshToken != presented {
                adopt(saved)
                return
            }
            do {
                _ = try await client.refresh()
            } catch let error as PortalError where error.status == 401 {
                // Logged out, unless a newer session replaced the one that failed (checked under the lock).
                if let saved = try? file.read(), saved.refreshToken != presented {
                    adopt(saved)
                    return
                }
                try? file.remove()
                client.transport.replaceCookies(with: [])
                update(.loggedOut(reason: "Your session has ended; log in again"))
                throw PortalError.notLoggedIn(reason: "Your session has ended; log in again")
            }
            guard var saved = state.session else { return }
            saved.cookies = client.transport.cookies()
            saved.savedAt = now()
            try file.write(saved)
            update(.loggedIn(saved))
        }
    }

    private func needsRefresh(within margin: Duration) -> Bool {
        guard let expiry = accessExpiry() else { return true }
        return expiry.timeIntervalSince(now()) < TimeInterval(margin.components.seconds)
    }

    private func adopt(_ saved: SavedSession) {
        client.transport.replaceCookies(with: ContractCookies.kept(saved.cookies, now: Date()))
        update(.loggedIn(saved))
    }

    private func update(_ newState: SessionState) {
        guard newState != state else { return }
        state = newState
        for observer in observers.values { observer.yield(newState) }
    }

    private func removeObserver(_ id: Int) { observers[id] = nil }
}
