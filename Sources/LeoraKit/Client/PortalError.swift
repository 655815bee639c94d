#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI
import TerminalSafety

/// Every way a call to the portal can fail, in one type. Messages never contain tokens or cookies.
public enum PortalError: Error, Sendable, Equatable {
    /// The server answered with the contract's error envelope (or at least an error status).
    case server(status: Int, code: String, message: String, details: JSONValue?, retryAfter: Int?)
    /// No HTTP answer: offline, refused, timed out, cancelled.
    case transport(TransportError)
    /// An answer that is not what the contract says, for the named endpoint.
    case invalidResponse(endpoint: String, reason: String)
    /// No usable session: never logged in, logged out, or the session file was unreadable.
    case notLoggedIn(reason: String)

    /// The contract's `error.code`, when the server sent one.
    public var code: String? {
        if case .server(_, let code, _, _, _) = self { return code }
        return nil
    }

    public var status: Int? {
        if case .server(let status, _, _, _, _) = self { return status }
        return nil
    }

    /// A 401 of either code: the session needs a refresh (once) or a new login.
    public var isUnauthorized: Bool { status == 401 && code != ErrorCode.invalidCredentials.rawValue }

    /// The server could not be reached at all.
    /// What a read answers when the cache already knows the portal cannot be reached.
    public static let offline = PortalError.transport(.cannotConnect("offline"))

    public var isOffline: Bool {
        if case .transport(let error) = self, error != .cancelled { return true }
        return false
    }

    /// Worth trying again later: transport failures, 5xx, 408 and 429.
    public var isRetryable: Bool {
        switch self {
        case .transport(let error): error != .cancelled
        case .server(let status, _, _, _, _): status >= 500 || status == 408 || status == 429
        case .invalidResponse, .notLoggedIn: false
        }
    }

    public var retryAfterSeconds: Int? {
        if case .server(_, _, _, _, let retryAfter) = self { return retryAfter }
        return nil
    }

    /// `details.lines` of an `INSUFFICIENT_STOCK` error.
    public var stockShortages: [StockShortage] {
        guard case .server(_, _, _, let details?, _) = self, let data = try? JSONEncoder().encode(details["lines"] ?? .array([])) else {
            return []
        }
        return (try? JSONDecoder().decode([StockShortage].self, from: data)) ?? []
    }
}

extension PortalError: CustomStringConvertible {
    /// A sentence for a person, safe to print on a terminal: the server's message (and any other text
    /// from it) passes through ``TerminalSafeText``.
    public var description: String {
        TerminalSafeText.sanitized(sentence)
    }

    private var sentence: String {
        switch self {
        case .server(let status, let code, let message, _, let retryAfter):
            // One "try again" per message: the server's own sentence may already say when.
            if code == ErrorCode.rateLimited.rawValue, let retryAfter, !message.localizedCaseInsensitiveContains("try again") {
                return "\(message) (try again in \(retryAfter) s)"
            }
            return message.isEmpty ? "The server answered \(status) \(code)" : message
        case .transport(.cannotConnect): return "Cannot reach the server; check the address and your connection"
        case .transport(.timedOut): return "The server did not answer in time"
        case .transport(.cancelled): return "Cancelled"
        case .transport(.failed(let reason)): return "Connection failed: \(reason)"
        case .invalidResponse(let endpoint, let reason): return "Unexpected answer from \(endpoint): \(reason)"
        case .notLoggedIn(let reason): return reason
        }
    }
}
