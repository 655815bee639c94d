import Foundation
import Synchronization
import Testing
@testable import LeoraKit

@Suite("LazyTransport")
struct LazyTransportTests {
    /// A transport that answers 204 and keeps cookies as given.
    final class Recording: HTTPTransport, Sendable {
        let held = Mutex<[StoredCookie]>([])
        func send(_ request: TransportRequest) async throws -> TransportResponse { TransportResponse(status: 204) }
        func cookies() -> [StoredCookie] { held.withLock { $0 } }
        func replaceCookies(with cookies: [StoredCookie]) { held.withLock { $0 = cookies } }
    }

    @Test("made on the first request, once; cookies given before are held, answered and handed over")
    func madeOnFirstRequest() async throws {
        let made = Mutex(0)
        let inner = Recording()
        let lazy = LazyTransport {
            made.withLock { $0 += 1 }
            return inner
        }
        let live = StoredCookie(domain: "127.0.0.1", path: "/", name: "leora_access", value: "a", expires: Date().addingTimeInterval(600))
        let expired = StoredCookie(domain: "127.0.0.1", path: "/", name: "old", value: "b", expires: Date().addingTimeInterval(-1))
        lazy.replaceCookies(with: [live, expired])
        #expect(lazy.cookies() == [live])
        #expect(!lazy.isMade)
        #expect(made.withLock { $0 } == 0)

        let response = try await lazy.send(TransportRequest(method: "GET", url: "http://127.0.0.1/api/health"))
        #expect(response.status == 204)
        _ = try await lazy.send(TransportRequest(method: "GET", url: "http://127.0.0.1/api/health"))
        #expect(made.withLock { $0 } == 1)
        #expect(inner.cookies() == [live, expired], "the held cookies are handed over as given (the transport drops what expired)")
        lazy.replaceCookies(with: [])
        #expect(inner.cookies().isEmpty)
    }

    @Test("a request before the transport is made waits for `ready`; later ones do not ask again")
    func firstRequestWaitsUntilReady() async throws {
        let made = Mutex(0)
        let asked = Mutex(0)
        let (readySignal, ready) = AsyncStream.makeStream(of: Void.self)
        let lazy = LazyTransport(ready: {
            asked.withLock { $0 += 1 }
            for await _ in readySignal { return }
        }) {
            made.withLock { $0 += 1 }
            return Recording()
        }
        let request = Task { try await lazy.send(TransportRequest(method: "GET", url: "http://127.0.0.1/api/health")) }
        while asked.withLock({ $0 }) == 0 { await Task.yield() }
        // However long it is given, nothing is made while `ready` has not returned.
        for _ in 0..<50 { await Task.yield() }
        #expect(!lazy.isMade)
        #expect(made.withLock { $0 } == 0)

        ready.yield()
        #expect(try await request.value.status == 204)
        #expect(lazy.isMade)
        _ = try await lazy.send(TransportRequest(method: "GET", url: "http://127.0.0.1/api/health"))
        #expect(asked.withLock { $0 } == 1, "once made, requests go straight to the transport")
        #expect(made.withLock { $0 } == 1)
    }
}
