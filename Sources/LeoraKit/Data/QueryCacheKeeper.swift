#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Keeps a running app's query cache on disk for the logged-in user: read once when the user is
/// known (so the first screen shows cached data at once, even offline), written after changes at
/// most once per `interval` and once more at exit, wiped at logout.
public actor QueryCacheKeeper {
    public let cache: QueryClient
    public let server: URL
    public let interval: Duration
    /// The profile whose cache directory holds the files.
    public let paths: ProfilePaths
    private var persistence: QueryPersistence?
    private var userId: String?
    private var writer: Task<Void, Never>?
    /// The newest queries kept on disk: enough for every pane's first screen.
    static let keptQueries = 100

    public init(
        cache: QueryClient, server: URL, paths: ProfilePaths, interval: Duration = .seconds(1)
    ) {
        self.cache = cache
        self.server = server
        self.interval = interval
        self.paths = paths
    }

    /// Starts keeping the cache of `userId`: loads what was saved (keys not cached yet) and
    /// writes changes from now on. The same user again changes nothing.
    public func adopt(userId: String) async {
        guard userId != self.userId else { return }
        await stopWriting()
        if self.userId != nil { await cache.clear() }
        self.userId = userId
        let persistence = paths.cachePersistence(server: server, userId: userId)
        self.persistence = persistence
        await cache.restore(persistence.load(now: cache.clock.now))
        let changes = await cache.observeChanges()
        let interval = self.interval
        writer = Task { [weak self] in
            for await _ in changes {
                // Changes during the pause join this write: at most one write per interval.
                guard (try? await Task.sleep(for: interval)) != nil else { return }
                await self?.flush()
            }
        }
    }

    /// Writes the cache now (at exit).
    public func flush() async {
        guard let user = userId else { return }
        let queries = await cache.persistableQueries(limit: Self.keptQueries)
        // The user may have logged out while the cache was read: then nothing is written.
        guard userId == user, let persistence else { return }
        _ = try? persistence.save(queries, now: cache.clock.now)
    }

    /// Writes the cache one last time and stops writing it, keeping it on disk (the terminal UI
    /// switched to another profile: this one's cache is drawn first when it comes back).
    public func detach() async {
        await flush()
        await stopWriting()
        persistence = nil
        userId = nil
    }

    /// Stops keeping the cache and forgets it, in memory and on disk (logout: the next user of
    /// this terminal must not see it).
    public func forget() async {
        await stopWriting()
        await cache.clear()
        try? persistence?.wipe()
        persistence = nil
        userId = nil
    }

    private func stopWriting() async {
        writer?.cancel()
        writer = nil
    }
}
