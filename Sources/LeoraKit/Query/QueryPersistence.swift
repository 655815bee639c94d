#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Keeps the query cache in one file between runs, per server and user.
///
/// The file holds a buster (app version + contract version): a different buster, a file
/// older than `maxAge` or one that cannot be read is ignored. Entries older than
/// `maxAge` are dropped on load. Writes keep the newest entries that fit in `maxBytes`,
/// go to a temporary file renamed over the old one, with mode 0600, under an exclusive
/// `flock` on `<file>.lock`.
public struct QueryPersistence: Sendable {
    public var fileURL: URL
    public var buster: String
    public var maxAge: Duration
    public var maxBytes: Int

    public init(fileURL: URL, buster: String, maxAge: Duration = .seconds(24 * 60 * 60), maxBytes: Int = 2 * 1024 * 1024) {
        self.fileURL = fileURL
        self.buster = buster
        self.maxAge = maxAge
        self.maxBytes = maxBytes
    }

    /// The buster for an app version and the contract version it was built for.
    public static func buster(appVersion: String, contractVersion: String) -> String {
        "leora-\(appVersion)+contract-\(contractVersion)"
    }

    var lockURL: URL { URL(fileURLWithPath: fileURL.path + ".lock") }

    /// Writes `queries` (newest kept first when over `maxBytes`); returns how many were written.
    @discardableResult
    public func save(_ queries: [PersistedQuery], now: Date) throws -> Int {
        let newestFirst = queries.sorted { $0.dataUpdatedAt > $1.dataUpdatedAt }
        let directory = fileURL.deletingLastPathComponent()
        try LeoraDirectories.ensurePrivate(directory)
        return try QueryFileLock.withExclusiveLock(at: lockURL.path) {
            try QueryFileLock.writeAtomically(to: fileURL.path, mode: 0o600) { write in
                try writeDocument(newestFirst, now: now, to: write)
            }
        }
    }

    /// The persisted entries still usable at `now`; empty when there is no usable file.
    public func load(now: Date) -> [PersistedQuery] {
        guard FileManager.default.fileExists(atPath: fileURL.path) else { return [] }
        let data: Data? = try? QueryFileLock.withExclusiveLock(at: lockURL.path) {
            try Data(contentsOf: fileURL)
        }
        guard let data, let cache = try? Self.decoder.decode(PersistedCache.self, from: data),
            cache.buster == buster, !isTooOld(cache.savedAt, now: now)
        else { return [] }
        return cache.queries.filter { !isTooOld($0.dataUpdatedAt, now: now) }
    }

    /// Deletes the file (logout).
    public func wipe() throws {
        try QueryFileLock.withExclusiveLock(at: lockURL.path) {
            if FileManager.default.fileExists(atPath: fileURL.path) {
                try FileManager.default.removeItem(at: fileURL)
            }
        }
    }

    func isTooOld(_ date: Date, now: Date) -> Bool {
        now.timeIntervalSince(date) > maxAge.timeInterval
    }

    /// Writes the file's bytes (a `PersistedCache`) to `write` piece by piece, holding, newest first,
    /// every entry that still fits in `maxBytes` (a large old page never pushes out newer ones) and
    /// whose value can be encoded; returns how many it holds. Each entry is encoded and written before
    /// the next: the cache is written every second while a rep pages through a long list, and
    /// building the whole document (or encoding every value first) held the newest hundred pages
    /// several times over, the client's highest memory peak (B4).
    func writeDocument(_ newestFirst: [PersistedQuery], now: Date, to write: (Data) throws -> Void) throws -> Int {
        let encoder = Self.encoder
        var opening = Data(#"{"buster":"#.utf8)
        opening.append(try encoder.encode(buster))
        opening.append(contentsOf: #","savedAt":"#.utf8)
        opening.append(try encoder.encode(now))
        opening.append(contentsOf: #","queries":["#.utf8)
        let separator = Data(",".utf8), closing = Data("]}".utf8)
        try write(opening)
        var size = opening.count + closing.count
        var kept = 0
        for query in newestFirst where !isTooOld(query.dataUpdatedAt, now: now) {
            guard let entry = try? encoder.encode(query) else { continue }
            let added = entry.count + (kept > 0 ? separator.count : 0)
            guard size + added <= maxBytes else { continue }
            if kept > 0 { try write(separator) }
            try write(entry)
            size += added
            kept += 1
        }
        try write(closing)
        return kept
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }
}

/// The file's layout.
struct PersistedCache: Codable {
    var buster: String
    var savedAt: Date
    var queries: [PersistedQuery]
}
