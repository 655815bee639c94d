/// An error that tells the query cache whether trying again can help.
///
/// The client's own error type (`PortalError`) conforms to this so the cache can apply
/// the retry rules without knowing HTTP. Errors that do not conform are retried (they are
/// most likely transport failures), except `CancellationError`.
public protocol RetryClassifiable: Error {
    /// `false` for answers that will not change on retry (4xx other than 408 and 429).
    var isRetryable: Bool { get }
    /// How long the server asked us to wait (`Retry-After`), if it did.
    var retryAfter: Duration? { get }
    /// The server could not be reached at all: the cache goes offline and pauses fetches
    /// until `setOnline(true)`.
    var isOffline: Bool { get }
}

extension RetryClassifiable {
    public var retryAfter: Duration? { nil }
    public var isOffline: Bool { false }
}

/// A ready-made `RetryClassifiable` error for fetchers and tests.
public struct QueryFailure: RetryClassifiable, Hashable, CustomStringConvertible {
    public var message: String
    /// The HTTP status, when there was an answer.
    public var status: Int?
    public var isRetryable: Bool
    public var retryAfter: Duration?
    public var isOffline: Bool

    public init(message: String, status: Int? = nil, isRetryable: Bool, retryAfter: Duration? = nil, isOffline: Bool = false) {
        self.message = message
        self.status = status
        self.isRetryable = isRetryable
        self.retryAfter = retryAfter
        self.isOffline = isOffline
    }

    /// An HTTP error answer, classified with `isRetryableStatus`.
    public static func http(status: Int, retryAfter: Duration? = nil, message: String = "") -> QueryFailure {
        QueryFailure(
            message: message.isEmpty ? "HTTP \(status)" : message, status: status,
            isRetryable: isRetryableStatus(status), retryAfter: retryAfter)
    }

    /// The server could not be reached.
    public static func offline(_ message: String = "offline") -> QueryFailure {
        QueryFailure(message: message, isRetryable: true, isOffline: true)
    }

    /// 4xx answers are final except `408 Request Timeout` and `429 Too Many Requests`;
    /// 5xx and everything else may succeed on retry.
    public static func isRetryableStatus(_ status: Int) -> Bool {
        if (400..<500).contains(status) { return status == 408 || status == 429 }
        return true
    }

    public var description: String { message }
}

/// Errors the query cache raises itself.
public enum QueryClientError: Error, Hashable, Sendable {
    /// A mutation that needs the network was refused while offline (nothing is queued).
    case offline
    /// The fetcher answered `304` but there is no cached data to keep.
    case notModifiedWithoutCachedValue(QueryKey)
    /// The fetch was cancelled (by `cancel`, a mutation, or a newer fetch) and left no data.
    case cancelled(QueryKey)
    /// The fetch result was dropped because a mutation touched the key meanwhile, and there is no data.
    case superseded(QueryKey)
}
