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
        let (data, kept) = try document(queries.sorted { $0.dataUpdatedAt > $1.dataUpdatedAt }, now: now)
        let directory = fileURL.deletingLastPathComponent()
        try LeoraDirectories.ensurePrivate(directory)
        try QueryFileLock.withExclusiveLock(at: lockURL.path) {
            try QueryFileLock.writeAtomically(data, to: fileURL.path, mode: 0o600)
        }
        return kept
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

    /// The file's bytes (a `PersistedCache`) holding, newest first, every entry that still fits in
    /// `maxBytes` (a large old page never pushes out newer ones), and how many it holds. Each entry is
    /// encoded once, straight into the one buffer: the cache is written every second while a rep
    /// pages through a long list, and encoding it whole again (and each entry once more to measure
    /// it) held several copies of it at once, the client's highest memory peak (B4).
    func document(_ newestFirst: [PersistedQuery], now: Date) throws -> (Data, kept: Int) {
        let encoder = Self.encoder
        var data = Data()
        data.reserveCapacity(min(maxBytes, newestFirst.reduce(256) { $0 + $1.value.count * 4 / 3 + 256 }))
        data.append(contentsOf: #"{"buster":"#.utf8)
        data.append(try encoder.encode(buster))
        data.append(contentsOf: #","savedAt":"#.utf8)
        data.append(try encoder.encode(now))
        data.append(contentsOf: #","queries":["#.utf8)
        let closing = Data("]}".utf8)
        var kept = 0
        for query in newestFirst where !isTooOld(query.dataUpdatedAt, now: now) {
            let entry = try encoder.encode(query)
            guard data.count + entry.count + 1 + closing.count <= maxBytes else { continue }
            if kept > 0 { data.append(UInt8(ascii: ",")) }
            data.append(entry)
            kept += 1
        }
        data.append(closing)
        return (data, kept)
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
