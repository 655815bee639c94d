import Foundation
import PortalAPI
import PortalTestSupport
import Testing

@testable import LeoraKit

/// The running app's cache on disk: loaded when the user is known, written after changes and at
/// exit, wiped at logout. Against a real portal and real files.
@Suite struct QueryCacheKeeperTests {
    @Test func aSecondRunStartsWithTheFirstRunsData() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let environment = ["XDG_CACHE_HOME": directory.url.appendingPathComponent("cache").path, "HOME": directory.url.path]
        try await withServer { server in
            let store = server.sessionStore(in: directory)
            let saved = try await store.login(email: "rep@northwind.test", password: TestServer.password)
            let url = URL(string: server.baseURL)!

            let first = PortalData(session: store, cache: QueryClient())
            let keeper = QueryCacheKeeper(cache: first.cache, server: url, paths: LeoraPaths(environment: environment).profile(.standard), interval: .milliseconds(50))
            await keeper.adopt(userId: saved.user.id)
            let briefing = try await first.briefing()
            let orders = try await first.orders(page: 1, limit: 5)
            let file = LeoraPaths(environment: environment).profile(.standard).cacheFile(userId: saved.user.id)
            // The writer saves on its own after the change.
            try await withDeadline(seconds: 20, "the cache file") {
                while !FileManager.default.fileExists(atPath: file.path) { try await Task.sleep(for: .milliseconds(20)) }
            }
            await keeper.flush()

            let second = QueryClient()
            #expect(await second.getQueryData(PortalQueryKeys.briefing, as: BriefingPayload.self) == nil)
            await QueryCacheKeeper(cache: second, server: url, paths: LeoraPaths(environment: environment).profile(.standard)).adopt(userId: saved.user.id)
            #expect(await second.getQueryData(PortalQueryKeys.briefing, as: BriefingPayload.self) == briefing)
            #expect(await second.getQueryData(PortalQueryKeys.orders(page: 1, limit: 5), as: Paged<Order>.self) == orders)
            #expect(await second.state(of: PortalQueryKeys.orders(page: 1, limit: 5), as: Paged<Order>.self)?.isStale == true,
                "restored data is shown but revalidated")

            // Logout forgets it, in memory and on disk.
            await keeper.forget()
            #expect(!FileManager.default.fileExists(atPath: file.path))
            #expect(await first.cache.getQueryData(PortalQueryKeys.briefing, as: BriefingPayload.self) == nil)
            await keeper.flush()
            #expect(!FileManager.default.fileExists(atPath: file.path), "nothing is written after logout")
        }
    }

    @Test func anotherUserStartsEmpty() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let environment = ["XDG_CACHE_HOME": directory.url.appendingPathComponent("cache").path, "HOME": directory.url.path]
        let url = URL(string: "http://127.0.0.1:1")!
        let cache = QueryClient()
        let keeper = QueryCacheKeeper(cache: cache, server: url, paths: LeoraPaths(environment: environment).profile(.standard))
        await keeper.adopt(userId: "usr_a")
        await cache.setQueryData(PortalQueryKeys.cart, "a's cart")
        await keeper.flush()
        await keeper.adopt(userId: "usr_b")
        #expect(await cache.getQueryData(PortalQueryKeys.cart, as: String.self) == nil)
        await keeper.adopt(userId: "usr_a")
        #expect(await cache.getQueryData(PortalQueryKeys.cart, as: String.self) == "a's cart")
    }

    @Test func onlyTheNewestQueriesAreWritten() async throws {
        let clock = QueryTestClock()
        // More idle pages than the file keeps (the cache's own limit is QueryClientIdleLimitTests').
        let cache = QueryClient(clock: clock, idleLimit: 1_000)
        for page in 1...150 {
            await cache.setQueryData(PortalQueryKeys.orders(page: page, limit: 50), "page \(page)")
            clock.advance(by: .seconds(1))
        }
        let kept = await cache.persistableQueries(limit: 100)
        #expect(kept.count == 100)
        #expect(kept.first?.key == PortalQueryKeys.orders(page: 150, limit: 50))
        #expect(kept.last?.key == PortalQueryKeys.orders(page: 51, limit: 50))
    }
}
