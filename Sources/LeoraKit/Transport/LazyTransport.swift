import Foundation
import Synchronization

/// A transport made on its first request (`make`, once), after `ready` returns, so that starting the
/// terminal UI draws its first frame from the saved session and cache before libcurl is opened and
/// initialised (the libraries it loads, TLS, the transfer thread). Loading them holds the process's
/// loader and memory-map locks for milliseconds, which the threads drawing that frame would wait
/// on. Cookies given before then are held and handed over when it is made; asked for before then,
/// they are the ones held, without the expired.
public final class LazyTransport: HTTPTransport {
    private enum State {
        case waiting(cookies: [StoredCookie])
        case made(any HTTPTransport)
    }

    private let make: @Sendable () -> any HTTPTransport
    private let ready: @Sendable () async -> Void
    private let state = Mutex<State>(.waiting(cookies: []))

    /// - Parameters:
    ///   - ready: what a request before the transport is made waits for first (`{}`: nothing).
    public init(ready: @escaping @Sendable () async -> Void = {}, _ make: @escaping @Sendable () -> any HTTPTransport) {
        self.ready = ready
        self.make = make
    }

    /// Whether the transport has been made (a request was sent).
    public var isMade: Bool {
        state.withLock { if case .made = $0 { true } else { false } }
    }

    /// The first request makes the transport on a thread of its own: libcurl's start (TLS included)
    /// then never holds up the thread that runs the app's tasks, drawing the first frame meanwhile.
    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        if let made = madeTransport() { return try await made.send(request) }
        await ready()
        let transport = await withCheckedContinuation { (continuation: CheckedContinuation<any HTTPTransport, Never>) in
            Thread.detachNewThread { continuation.resume(returning: self.transport()) }
        }
        return try await transport.send(request)
    }

    private func madeTransport() -> (any HTTPTransport)? {
        state.withLock { if case .made(let transport) = $0 { transport } else { nil } }
    }

    public func cookies() -> [StoredCookie] {
        let held: [StoredCookie]? = state.withLock { state in
            if case .waiting(let cookies) = state { return cookies }
            return nil
        }
        guard let held else { return transport().cookies() }
        let now = Date()
        return held.filter { cookie in cookie.expires.map { $0 > now } ?? true }
    }

    public func replaceCookies(with cookies: [StoredCookie]) {
        let made: (any HTTPTransport)? = state.withLock { state in
            switch state {
            case .waiting:
                state = .waiting(cookies: cookies)
                return nil
            case .made(let transport):
                return transport
            }
        }
        made?.replaceCookies(with: cookies)
    }

    /// The transport, made now if it was not yet (under the lock: made once, however many ask).
    private func transport() -> any HTTPTransport {
        state.withLock { state in
            switch state {
            case .made(let transport):
                return transport
            case .waiting(let cookies):
                let transport = make()
                StartupTrace.shared.mark("transport made (libcurl opened)")
                transport.replaceCookies(with: cookies)
                state = .made(transport)
                return transport
            }
        }
    }
}
