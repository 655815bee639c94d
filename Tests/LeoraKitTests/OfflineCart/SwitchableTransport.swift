import Foundation
import LeoraKit
import Synchronization

/// A transport in front of a real portal that can be taken down (every request refused, as with the
/// server stopped), or cut after the next `n` cart changes reach the portal: the change that makes
/// it through has its answer lost and everything after is refused, as when the server is killed
/// mid-replay (or, given `instead`, the portal process really is killed there). Counts the cart changes the
/// portal really received.
final class SwitchableTransport: HTTPTransport {
    let inner: any HTTPTransport
    private let state = Mutex<(down: Bool, changesBeforeCut: Int?, changesDelivered: [String])>((false, nil, []))
    private let atCut = Mutex<(@Sendable () -> Void)?>(nil)

    init(_ inner: any HTTPTransport = CurlTransport()) { self.inner = inner }

    func setDown(_ down: Bool) { state.withLock { $0.down = down; if !down { $0.changesBeforeCut = nil } } }
    /// The `n`-th cart change from now reaches the portal and its answer is lost; then the transport goes
    /// down, or `instead` runs (it kills the portal) and later requests meet whatever it left.
    func cut(afterChanges n: Int, instead: (@Sendable () -> Void)? = nil) {
        state.withLock { $0.changesBeforeCut = n }
        atCut.withLock { $0 = instead }
    }
    /// `METHOD path` of every cart change the portal received, in order.
    var changesDelivered: [String] { state.withLock { $0.changesDelivered } }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        let path = URL(string: request.url)?.path ?? request.url
        let isChange = request.method != "GET" && path.hasPrefix("/api/portal/cart")
        let cutNow: Bool = try state.withLock {
            if $0.down { throw TransportError.cannotConnect("the portal is down (test)") }
            guard isChange, let left = $0.changesBeforeCut else { return false }
            $0.changesBeforeCut = left - 1
            return left - 1 == 0
        }
        let response = try await inner.send(request)
        if isChange { state.withLock { $0.changesDelivered.append("\(request.method) \(path)") } }
        if cutNow {
            if let instead = atCut.withLock({ $0 }) { instead() } else { state.withLock { $0.down = true } }
            throw TransportError.cannotConnect("the portal died before answering (test)")
        }
        return response
    }

    func cookies() -> [StoredCookie] { inner.cookies() }
    func replaceCookies(with cookies: [StoredCookie]) { inner.replaceCookies(with: cookies) }
}
