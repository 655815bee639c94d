#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What a fetcher learned from the server.
public enum FetchOutcome<Value: Sendable>: Sendable {
    /// New data (a `200`), its `ETag`, and optionally a stale deadline for this entry
    /// that replaces the class's stale time (the briefing's `expiresAt`).
    case modified(Value, etag: String?, staleAt: Date? = nil)
    /// `304 Not Modified`: the cached data is current; only its age is refreshed.
    case notModified
}

/// What the cache hands a fetcher.
public struct FetchContext: Sendable, Hashable {
    /// The key being fetched.
    public var key: QueryKey
    /// The cached entry's `ETag`, to send as `If-None-Match`; `nil` when there is no
    /// cached data to fall back on or a mutation has touched the entry.
    public var etag: String?
    /// 0 for the first attempt, then 1, 2, 3 for the retries.
    public var attempt: Int

    public init(key: QueryKey, etag: String?, attempt: Int) {
        self.key = key
        self.etag = etag
        self.attempt = attempt
    }
}

/// Loads a query's data. Supplied by the caller, typically a closure over `PortalClient`.
public typealias QueryFetcher<Value: Sendable> = @Sendable (FetchContext) async throws -> FetchOutcome<Value>
