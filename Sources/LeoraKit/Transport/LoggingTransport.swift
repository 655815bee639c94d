#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging

/// Wraps a transport and logs each request's method, path, outcome and duration:
/// `GET /api/portal/orders?page=2 → 200 in 42 ms, 18.2 kB`. Headers and bodies are never logged
/// (they carry cookies, tokens and passwords), only the path and the query.
public struct LoggingTransport: HTTPTransport {
    public let base: any HTTPTransport
    private let logger: Logger

    public init(_ base: any HTTPTransport, logger: Logger = Logger(label: "leora.http")) {
        self.base = base
        self.logger = logger
    }

    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        let started = ContinuousClock.now
        let target = Self.pathAndQuery(request.url)
        StartupTrace.shared.mark("first request sent (\(request.method) \(target))", once: "first request")
        do {
            let response = try await base.send(request)
            let level: Logger.Level = response.status >= 500 ? .warning : .info
            logger.log(level: level, "\(request.method) \(target) → \(response.status) in \(Self.milliseconds(since: started)) ms, \(response.body.count) bytes")
            return response
        } catch {
            logger.warning("\(request.method) \(target) → \(Self.describe(error)) after \(Self.milliseconds(since: started)) ms")
            throw error
        }
    }

    public func cookies() -> [StoredCookie] { base.cookies() }
    public func replaceCookies(with cookies: [StoredCookie]) { base.replaceCookies(with: cookies) }

    static func pathAndQuery(_ url: String) -> String {
        guard let components = URLComponents(string: url) else { return "?" }
        return components.percentEncodedPath + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        let elapsed = ContinuousClock.now - start
        return Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
    }

    static func describe(_ error: any Error) -> String {
        switch error as? TransportError {
        case .cannotConnect: "cannot connect"
        case .timedOut: "timed out"
        case .cancelled: "cancelled"
        case .failed: "failed"
        case nil: "failed"
        }
    }
}
