import Foundation
import LeoraKit
import PortalAPI
import PortalTestSupport
import Synchronization
import Testing

/// A transport whose cable can be pulled: every request fails as unreachable until plugged in.
final class UnpluggableTransport: HTTPTransport {
    let inner: any HTTPTransport
    private let unplugged = Mutex(false)

    init(_ inner: any HTTPTransport = CurlTransport()) { self.inner = inner }

    func setUnplugged(_ value: Bool) { unplugged.withLock { $0 = value } }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        if unplugged.withLock({ $0 }) { throw TransportError.cannotConnect("unplugged") }
        return try await inner.send(request)
    }

    func cookies() -> [StoredCookie] { inner.cookies() }
    func replaceCookies(with cookies: [StoredCookie]) { inner.replaceCookies(with: cookies) }
}

/// Losing the connection with a screen open: the cached data stays, an offline error says why
/// at once (no endless wait), and the connection's return is noticed by itself.
@Suite struct OfflineAnswersTests {
    @Test func offlineTheCachedAnswerComesWithAnErrorAndTheReturnIsNoticed() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let cable = UnpluggableTransport()
            let store = SessionStore(client: PortalClient(server: URL(string: server.baseURL)!, transport: cable), file: SessionFile(directory: directory.url))
            _ = try await store.login(email: "rep@northwind.test", password: TestServer.password)
            let data = PortalData(session: store, cache: QueryClient())
            let key = PortalQueryKeys.orders(page: 1, limit: 5)
            let read: @Sendable (PortalData) async throws -> Paged<Order> = { try await $0.orders(page: 1, limit: 5) }
            let cached = try await data.orders(page: 1, limit: 5)

            cable.setUnplugged(true)
            await data.cache.invalidate(["orders"])
            var answers: [Paged<Order>] = []
            do {
                for try await page in data.answers(key, read) { answers.append(page.value) }
                Issue.record("expected an offline error")
            } catch let error as PortalError {
                #expect(error.isOffline)
            }
            #expect(answers == [cached])
            #expect(await data.cache.isOnline == false)

            // Offline already: the cached answer and the error, without asking anything.
            answers = []
            await #expect(throws: PortalError.self) { for try await page in data.answers(key, read) { answers.append(page.value) } }
            #expect(answers == [cached])

            // The connection comes back: the health probe notices and fetches resume.
            let seen = Mutex<[Bool]>([])
            let watcher = Task { for await online in data.connectivity() { seen.withLock { $0.append(online) } } }
            defer { watcher.cancel() }
            cable.setUnplugged(false)
            try await withDeadline(seconds: 30, "back online") {
                while !seen.withLock({ $0.contains(true) }) { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(seen.withLock { $0 } == [false, true])
            #expect(await data.cache.isOnline)
            answers = []
            for try await page in data.answers(key, read) { answers.append(page.value) }
            #expect(answers.first == cached)
        }
    }
}
