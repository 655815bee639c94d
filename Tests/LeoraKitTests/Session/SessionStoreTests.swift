import Foundation
import LeoraKit
import PortalAPI
import PortalTestSupport
import Synchronization
import Testing

@Suite("SessionStore against a real portal")
struct SessionStoreTests {
    @Test func loginWritesAPrivateSessionFileThatAnotherStoreAdopts() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let store = server.sessionStore(in: directory)
            let saved = try await store.login(email: "rep@northwind.test", password: TestServer.password)
            #expect(saved.user.email == "rep@northwind.test")
            #expect(saved.tenant?.slug == "northwind")
            #expect(saved.permissions.contains("cart:write"))
            let file = SessionFile(directory: directory.url)
            let fileMode = try FileManager.default.attributesOfItem(atPath: file.url.path)[.posixPermissions] as? Int
            let directoryMode = try FileManager.default.attributesOfItem(atPath: directory.url.path)[.posixPermissions] as? Int
            #expect(fileMode == 0o600)
            #expect(directoryMode == 0o700)
            #expect(Set(saved.cookies.map(\.name)) == [Wire.accessCookie, Wire.refreshCookie])

            let other = server.sessionStore(in: directory)
            #expect(await other.restore().session?.user.id == saved.user.id)
            let me = try await other.perform { client in try await client.me() }
            #expect(me.user.id == saved.user.id)
        }
    }

    @Test func theAccessExpiryIsTheOneTheCookieEngineRecorded() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let store = server.sessionStore(in: directory)
            let before = Date()
            _ = try await store.login(email: "rep@northwind.test", password: TestServer.password)
            let after = Date()
            let expiry = try #require(await store.accessExpiry())
            // The server stamps the cookie somewhere between the two instants (a busy machine may take a while).
            #expect(expiry.timeIntervalSince(before) > 880 && expiry.timeIntervalSince(after) <= 901)
        }
    }

    @Test func aMissingAccessCookieIsRefreshedBeforeTheRequest() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let transport = CountingTransport()
            let store = server.sessionStore(in: directory, transport: transport)
            _ = try await store.login(email: "rep@northwind.test", password: TestServer.password)
            transport.replaceCookies(with: transport.cookies().filter { $0.name != Wire.accessCookie })
            _ = try await store.perform { client in try await client.me() }
            #expect(transport.refreshes == 1)
            #expect(transport.count("GET", Routes.me) == 2, "login's me, then this one; no 401 round trip")
        }
    }

    @Test func a401IsAnsweredWithOneRefreshAndOneRetry() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let transport = CountingTransport()
            let store = server.sessionStore(in: directory, transport: transport)
            _ = try await store.login(email: "rep@northwind.test", password: TestServer.password)
            // The server no longer accepts this access token, though the cookie engine thinks it is fresh.
            var cookies = transport.cookies()
            let index = try #require(cookies.firstIndex { $0.name == Wire.accessCookie })
            cookies[index].value = "expired.or.revoked"
            transport.replaceCookies(with: cookies)
            let orders = try await store.perform { client in try await client.orders() }
            #expect(orders.value?.items.isEmpty == false)
            #expect(transport.refreshes == 1)
            #expect(transport.count("GET", Routes.orders) == 2)
        }
    }

    @Test func aRejectedRetryIsNotRetriedAgain() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let transport = CountingTransport()
            let store = server.sessionStore(in: directory, transport: transport)
            _ = try await store.login(email: "viewer@northwind.test", password: TestServer.password)
            await #expect(throws: PortalError.self) {
                try await store.perform { client in try await client.addToCart(productId: "x", quantity: 1) }
            }
            #expect(transport.count("POST", Routes.cartItems) == 1, "a 403 is not retried")
            #expect(transport.refreshes == 0)
        }
    }

    @Test func concurrent401sCauseOneRefresh() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer({ $0.refreshGrace = 0 }) { server in
            let transport = CountingTransport()
            let store = server.sessionStore(in: directory, transport: transport)
            _ = try await store.login(email: "rep@northwind.test", password: TestServer.password)
            transport.replaceCookies(with: transport.cookies().filter { $0.name != Wire.accessCookie })
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<8 {
                    group.addTask { _ = try await store.perform { client in try await client.cart() } }
                }
                try await group.waitForAll()
            }
            #expect(transport.refreshes == 1)
        }
    }

    @Test func aStoreAdoptsARefreshAnotherCopyAlreadyMade() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer({ $0.refreshGrace = 0 }) { server in
            let first = CountingTransport()
            let second = CountingTransport()
            let storeA = server.sessionStore(in: directory, transport: first)
            let storeB = server.sessionStore(in: directory, transport: second)
            _ = try await storeA.login(email: "rep@northwind.test", password: TestServer.password)
            await storeB.restore()
            for round in 0..<3 {
                // A refreshes; B still holds the token A just retired.
                try await storeA.refresh()
                second.replaceCookies(with: second.cookies().filter { $0.name != Wire.accessCookie })
                _ = try await storeB.perform { client in try await client.me() }
                #expect(second.refreshes == 0, "round \(round): B adopted A's token instead of reusing its own")
                #expect(await storeB.state.session != nil)
            }
            try await Task.sleep(for: .milliseconds(1100))
            // Both still work after the grace period: nobody reused a retired token.
            _ = try await storeA.perform { client in try await client.me() }
            _ = try await storeB.perform { client in try await client.me() }
            #expect(await storeA.state.session != nil)
        }
    }

    @Test func aRevokedSessionLogsOutAndRemovesTheFile() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let transport = CountingTransport()
            let store = server.sessionStore(in: directory, transport: transport)
            _ = try await store.login(email: "rep@northwind.test", password: TestServer.password)
            // The session ends on the server (e.g. logged out from a browser).
            let other = server.client()
            for cookie in transport.cookies() { other.setCookie(cookie.name, cookie.value, path: cookie.path) }
            _ = try await other.post(Routes.logout)
            await #expect(throws: PortalError.self) {
                try await store.perform { client in try await client.me() }
            }
            #expect(await store.state.session == nil)
            #expect(!FileManager.default.fileExists(atPath: SessionFile(directory: directory.url).url.path))
        }
    }

    @Test func anUnreachableServerDuringRefreshKeepsTheSession() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let transport = CountingTransport()
        let server = try await TestServer.start()
        let store = server.sessionStore(in: directory, transport: transport)
        _ = try await store.login(email: "rep@northwind.test", password: TestServer.password)
        await server.stop()
        transport.replaceCookies(with: transport.cookies().filter { $0.name != Wire.accessCookie })
        do {
            _ = try await store.perform { client in try await client.me() }
            Issue.record("expected an offline error")
        } catch let error as PortalError {
            #expect(error.isOffline)
        }
        #expect(await store.state.session != nil)
        #expect(FileManager.default.fileExists(atPath: SessionFile(directory: directory.url).url.path))
    }

    @Test func aCorruptSessionFileMeansLoggedOutAndIsMovedAside() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let file = SessionFile(directory: directory.url)
        try FileManager.default.createDirectory(at: directory.url, withIntermediateDirectories: true)
        try Data("{ not json".utf8).write(to: file.url)
        let store = SessionStore(client: PortalClient(server: URL(string: "http://127.0.0.1:9")!, transport: CountingTransport()), file: file)
        guard case .loggedOut(let reason?) = await store.restore() else {
            Issue.record("expected logged out with a reason")
            return
        }
        #expect(reason.contains("could not be read"))
        #expect(!FileManager.default.fileExists(atPath: file.url.path))
        let aside = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { $0.contains("unreadable") }
        #expect(aside.count == 1)
    }

    @Test func twoCorruptFilesWithinOneSecondAreBothKeptAndEachMessageTellsTheTruth() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let file = SessionFile(directory: directory.url)
        try FileManager.default.createDirectory(at: directory.url, withIntermediateDirectories: true)
        var places: [String] = []
        for content in ["{ first", "{ second"] {
            try Data(content.utf8).write(to: file.url)
            do {
                _ = try file.read()
                Issue.record("a corrupt file was read")
            } catch let unreadable as SessionFile.Unreadable {
                let place = try #require(unreadable.movedTo)
                places.append(place)
                #expect(try String(contentsOfFile: place, encoding: .utf8) == content, "the message names where this file went")
            }
        }
        #expect(Set(places).count == 2, "the second did not overwrite the first")
    }

    @Test func anExistingLooseStateDirectoryIsTightened() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let leora = directory.url.appendingPathComponent("state/leora")
        try FileManager.default.createDirectory(at: leora, withIntermediateDirectories: true)
        chmod(leora.path, 0o777)
        chmod(directory.url.appendingPathComponent("state").path, 0o755)
        let file = LeoraPaths(environment: ["XDG_STATE_HOME": directory.url.appendingPathComponent("state").path]).profile(.standard).sessionFile
        try await file.withLock { }
        #expect(try FileManager.default.attributesOfItem(atPath: leora.path)[.posixPermissions] as? Int == 0o700)
        #expect(try FileManager.default.attributesOfItem(atPath: file.directory.path)[.posixPermissions] as? Int == 0o700)
        let state = try FileManager.default.attributesOfItem(atPath: directory.url.appendingPathComponent("state").path)[.posixPermissions] as? Int
        #expect(state == 0o755, "nothing above the leora directory is touched")
    }

    @Test func logoutIsNoticedByAnotherStore() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let storeA = server.sessionStore(in: directory)
            let storeB = server.sessionStore(in: directory)
            _ = try await storeA.login(email: "rep@northwind.test", password: TestServer.password)
            await storeB.restore()
            await storeA.logout()
            await storeB.sessionFileChanged()
            #expect(await storeB.state == .loggedOut(reason: "Logged out in another window"))
        }
    }
}

@Suite("Session file watching")
struct SessionFileWatcherTests {
    @Test func anotherCopysLoginAndLogoutAreNoticed() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let file = SessionFile(directory: directory.url)
            let watcher = try #require(SessionFileWatcher(file))
            let watching = server.sessionStore(in: directory)
            await watching.restore()
            #expect(await watching.state.session == nil)

            let other = server.sessionStore(in: directory)
            _ = try await other.login(email: "rep@northwind.test", password: TestServer.password)
            #expect(await watcher.wait(timeout: .seconds(10)))
            await watching.sessionFileChanged()
            #expect(await watching.state.session?.user.email == "rep@northwind.test")

            try await other.refresh()
            #expect(await watcher.wait(timeout: .seconds(10)))
            await watching.sessionFileChanged()
            #expect(await watching.state.session?.refreshToken == (await other.state.session?.refreshToken))

            await other.logout()
            #expect(await watcher.wait(timeout: .seconds(10)))
            await watching.sessionFileChanged()
            #expect(await watching.state.session == nil)
        }
    }

    /// The cart's watch on the offline queue waits with no timeout (an idle `leora` must not wake):
    /// a change still ends the wait, and so does cancelling it, which a wait in `poll()` would miss.
    @Test func aWaitWithoutTimeoutEndsOnAChangeAndOnCancellation() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let file = SessionFile(directory: directory.url)
        let watcher = try #require(SessionFileWatcher(file))
        let changed = Task { await watcher.wait() }
        try await Task.sleep(for: .milliseconds(100))
        try Data("{}".utf8).write(to: file.url, options: .atomic)
        #expect(await changed.value)

        let ended = Mutex<Bool?>(nil)
        let cancelled = Task {
            let result = await watcher.wait()
            ended.withLock { $0 = result }
        }
        try await Task.sleep(for: .milliseconds(100))
        cancelled.cancel()
        // Not awaited: a wait that missed the cancellation would hang the test instead of failing it.
        for _ in 0..<200 where ended.withLock({ $0 }) == nil { try await Task.sleep(for: .milliseconds(50)) }
        #expect(ended.withLock { $0 } == false)
    }

    @Test func unrelatedFilesInTheDirectoryAreIgnored() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let watcher = try #require(SessionFileWatcher(SessionFile(directory: directory.url)))
        try Data("x".utf8).write(to: directory.url.appendingPathComponent("other.json"))
        #expect(watcher.drain() == false)
    }
}

@Suite("Session maintenance")
struct SessionMaintenanceTests {
    @Test func refreshesBeforeExpiryAndPollsMeEveryFiveMinutes() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let clock = ManualNow()
            let transport = CountingTransport()
            let store = SessionStore(
                client: PortalClient(server: URL(string: server.baseURL)!, transport: transport), file: SessionFile(directory: directory.url),
                now: { clock.now })
            _ = try await store.login(email: "rep@northwind.test", password: TestServer.password)
            let meBefore = transport.count("GET", Routes.me)
            let sleeps = WaitRecorder()
            let maintenance = Task {
                await store.maintain { duration in
                    let count = await sleeps.record(duration)
                    if count > 6 { throw CancellationError() }
                    clock.advance(by: duration)
                }
            }
            await maintenance.value
            let recorded = await sleeps.all
            // The first wake is the /auth/me poll (300 s); the refresh comes when two minutes of the 15 remain.
            let first = try #require(recorded.first)
            #expect(abs(Double(first.components.seconds) + Double(first.components.attoseconds) / 1e18 - 300) < 1)
            #expect(transport.count("GET", Routes.me) > meBefore, "/auth/me was polled")
            #expect(transport.refreshes >= 1, "refreshed before the access token ran out")
            #expect(await store.state.session != nil)
        }
    }
}

/// A `now` that tests move by hand.
final class ManualNow: Sendable {
    private let offset = Mutex<TimeInterval>(0)
    var now: Date { Date().addingTimeInterval(offset.withLock { $0 }) }
    func advance(by duration: Duration) { offset.withLock { $0 += TimeInterval(duration.components.seconds) } }
}

actor WaitRecorder {
    private(set) var all: [Duration] = []
    func record(_ duration: Duration) -> Int {
        all.append(duration)
        return all.count
    }
}
