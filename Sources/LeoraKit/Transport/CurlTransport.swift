#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CCurlShim
import Synchronization

/// The live `HTTPTransport`: libcurl (opened by the first transport, not linked), with libcurl's own
/// cookie engine as the one jar every request of this transport shares (a share handle), so `Path`,
/// `Max-Age` and expiry behave as in a browser.
///
/// Requests run on one dedicated thread (see `CurlMultiLoop`), never on Swift's cooperative pool.
/// Cancelling the calling task aborts the transfer and throws `TransportError.cancelled`. Redirects
/// are not followed. Bodies are sent with `Content-Type: application/json` unless the request says
/// otherwise; bodyless requests carry no `Content-Type`.
public final class CurlTransport: HTTPTransport {
    public static let defaultUserAgent = "leora/\(LeoraVersion.current)"

    /// libcurl's side, or nil when libcurl could not be opened (`leora_curl_load_failure` says why).
    private let engine: Engine?

    /// The transfer thread, and a handle that never transfers anything: the door to the shared jar
    /// for `cookies()` and `replaceCookies(with:)`, from any thread (the share's own locks keep the
    /// jar consistent).
    private final class Engine: Sendable {
        let loop: CurlMultiLoop
        let cookieHandle: Mutex<CurlEasyHandle>

        init(loop: CurlMultiLoop, cookieHandle: consuming Mutex<CurlEasyHandle>) {
            self.loop = loop
            self.cookieHandle = cookieHandle
        }
    }

    /// Opens libcurl the first time (see `leora_curl_global_init_once`). Without a usable libcurl
    /// every request fails with `TransportError.failed` saying why; nothing crashes.
    /// - Parameters:
    ///   - connectTimeout: seconds to establish a connection.
    ///   - totalTimeout: seconds for a whole request, connection included.
    public init(
        userAgent: String = CurlTransport.defaultUserAgent, connectTimeout: TimeInterval = 5, totalTimeout: TimeInterval = 30
    ) {
        guard leora_curl_global_init_once() == CURLE_OK else {
            engine = nil
            return
        }
        let share = CurlShare()
        engine = Engine(
            loop: CurlMultiLoop(
                share: share,
                settings: CurlTransferSettings(
                    userAgent: userAgent,
                    connectTimeoutMilliseconds: Self.milliseconds(connectTimeout),
                    totalTimeoutMilliseconds: Self.milliseconds(totalTimeout))),
            cookieHandle: Mutex(CurlEasyHandle(share: share)))
    }

    deinit { engine?.loop.stop() }

    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        guard let loop = engine?.loop else {
            let reason = leora_curl_load_failure().map { String(cString: $0) } ?? "libcurl could not be started"
            throw TransportError.failed("libcurl could not be opened: \(reason)")
        }
        let cancellation = CancellationFlag()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                loop.submit(TransferOrder(request: request, continuation: continuation, cancellation: cancellation))
            }
        } onCancel: {
            cancellation.cancel()
            loop.wakeUp()
        }
    }

    public func cookies() -> [StoredCookie] {
        guard let engine else { return [] }
        let lines = engine.cookieHandle.withLock { $0.cookieList() }
        let now = Date()
        return lines.compactMap(StoredCookie.init(netscapeLine:)).filter { cookie in
            cookie.expires.map { $0 > now } ?? true
        }
    }

    public func replaceCookies(with cookies: [StoredCookie]) {
        guard let engine else { return }
        let now = Date()
        let lines = cookies.filter { cookie in cookie.expires.map { $0 > now } ?? true }.compactMap(\.netscapeLine)
        engine.cookieHandle.withLock { handle in
            handle.set(CURLOPT_COOKIELIST, "ALL")
            for line in lines { handle.set(CURLOPT_COOKIELIST, line) }
        }
    }

    private static func milliseconds(_ seconds: TimeInterval) -> Int {
        // 0 would mean "no timeout" to libcurl.
        max(1, Int((seconds * 1000).rounded()))
    }
}
