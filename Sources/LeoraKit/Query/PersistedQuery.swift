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
    /// The entries worth persisting: keys with confirmed data, newest first, at most `limit` of
    /// them (only those are encoded: a rep who paged through thousands of orders does not pay
    /// for writing them all). Values that fail to encode are skipped.
    public func persistableQueries(limit: Int = .max) -> [PersistedQuery] {
        entries.compactMap { key, entry -> (QueryKey, QueryEntry, Date)? in
            guard entry.confirmed != nil, let updatedAt = entry.dataUpdatedAt else { return nil }
            return (key, entry, updatedAt)
        }
        .sorted { $0.2 > $1.2 }
        .prefix(limit)
        .compactMap { key, entry, updatedAt in
            guard let data = try? entry.confirmed?.encoded() else { return nil }
            return PersistedQuery(key: key, value: data, etag: entry.etag, dataUpdatedAt: updatedAt, staleAt: entry.staleAt)
        }
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
