#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One cache entry as written to disk: the confirmed value (as JSON in the file), never an
/// optimistic one.
public struct PersistedQuery: Sendable {
    public var key: QueryKey
    /// The value, encoded to JSON only as the entry is written: a save then holds one encoded
    /// value at a time, not every page of a long walk at once (B4).
    var stored: StoredValue
    public var etag: String?
    public var dataUpdatedAt: Date
    public var staleAt: Date?

    public init(key: QueryKey, value: Data, etag: String?, dataUpdatedAt: Date, staleAt: Date?) {
        self.init(key: key, stored: .raw(value), etag: etag, dataUpdatedAt: dataUpdatedAt, staleAt: staleAt)
    }

    init(key: QueryKey, stored: StoredValue, etag: String?, dataUpdatedAt: Date, staleAt: Date?) {
        self.key = key
        self.stored = stored
        self.etag = etag
        self.dataUpdatedAt = dataUpdatedAt
        self.staleAt = staleAt
    }

    /// The value's JSON encoding.
    public var value: Data {
        get throws { try stored.encoded() }
    }
}

extension PersistedQuery: Codable {
    enum CodingKeys: String, CodingKey { case key, value, etag, dataUpdatedAt, staleAt }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            key: try container.decode(QueryKey.self, forKey: .key), value: try container.decode(Data.self, forKey: .value),
            etag: try container.decodeIfPresent(String.self, forKey: .etag),
            dataUpdatedAt: try container.decode(Date.self, forKey: .dataUpdatedAt), staleAt: try container.decodeIfPresent(Date.self, forKey: .staleAt))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(value, forKey: .value)
        try container.encodeIfPresent(etag, forKey: .etag)
        try container.encode(dataUpdatedAt, forKey: .dataUpdatedAt)
        try container.encodeIfPresent(staleAt, forKey: .staleAt)
    }
}

/// Saving and restoring the cache's entries.
extension QueryClient {
    /// The entries worth persisting: keys with confirmed data, newest first, at most `limit` of
    /// them (a rep who paged through thousands of orders does not pay for writing them all).
    /// Their values are encoded as they are written.
    public func persistableQueries(limit: Int = .max) -> [PersistedQuery] {
        let newestFirst = entries.compactMap { key, entry -> PersistedQuery? in
            guard let confirmed = entry.confirmed, let updatedAt = entry.dataUpdatedAt else { return nil }
            return PersistedQuery(key: key, stored: confirmed, etag: entry.etag, dataUpdatedAt: updatedAt, staleAt: entry.staleAt)
        }
        .sorted { $0.dataUpdatedAt > $1.dataUpdatedAt }
        return Array(newestFirst.prefix(limit))
    }

    /// Loads persisted entries for keys not cached yet. They count as stale but usable:
    /// the first read shows them at once and refetches (sending their ETag).
    public func restore(_ queries: [PersistedQuery]) {
        for query in queries where entries[query.key] == nil {
            var entry = QueryEntry(options: .forKey(query.key))
            entry.confirmed = query.stored
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
