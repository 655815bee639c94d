#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One cache entry as written to disk: the confirmed value as raw JSON, never an
/// optimistic one.
public struct PersistedQuery: Codable, Sendable, Hashable {
    public var key: QueryKey
    /// The value's JSON encoding.
    public var value: Data
    public var etag: String?
    public var dataUpdatedAt: Date
    public var staleAt: Date?

    public init(key: QueryKey, value: Data, etag: String?, dataUpdatedAt: Date, staleAt: Date?) {
        self.key = key
        self.value = value
        self.etag = etag
        self.dataUpdatedAt = dataUpdatedAt
        self.staleAt = staleAt
    }
}

/// Saving and restoring the cache's entries.
extension QueryClient {
    /// The entries worth persisting: every key with confirmed data, newest first.
    /// Values that fail to encode are skipped.
    public func persistableQueries() -> [PersistedQuery] {
        entries.compactMap { key, entry -> PersistedQuery? in
            guard let confirmed = entry.confirmed, let updatedAt = entry.dataUpdatedAt,
                let data = try? confirmed.encoded()
            else { return nil }
            return PersistedQuery(key: key, value: data, etag: entry.etag, dataUpdatedAt: updatedAt, staleAt: entry.staleAt)
        }
        .sorted { $0.dataUpdatedAt > $1.dataUpdatedAt }
    }

    /// Loads persisted entries for keys not cached yet. They count as stale but usable:
    /// the first read shows them at once and refetches (sending their ETag).
    public func restore(_ queries: [PersistedQuery]) {
        for query in queries where entries[query.key] == nil {
            var entry = QueryEntry(options: .forKey(query.key))
            entry.confirmed = .raw(query.value)
            entry.displayed = entry.confirmed
            entry.etag = query.etag
            entry.dataUpdatedAt = query.dataUpdatedAt
            entry.staleAt = query.staleAt
            entry.isInvalidated = true
            entry.gcDeadline = clock.now.adding(entry.options.gcTime)
            entries[query.key] = entry
        }
        scheduleSweeper()
    }
}
