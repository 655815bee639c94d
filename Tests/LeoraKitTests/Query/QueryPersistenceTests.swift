import Foundation
import Testing
@testable import LeoraKit

@Suite("QueryPersistence")
struct QueryPersistenceTests {
    static func temporaryFile() -> URL {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("leora-query-\(UUID().uuidString)", isDirectory: true)
            .appendingPathComponent("cache.json")
    }

    static func persistence(_ url: URL, buster: String = "leora-1.0+contract-1", maxBytes: Int = 2 * 1024 * 1024) -> QueryPersistence {
        QueryPersistence(fileURL: url, buster: buster, maxBytes: maxBytes)
    }

    @Test("round trip through the client: restored entries show at once, count as stale and refetch with their ETag")
    func roundTrip() async throws {
        let url = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let clock = QueryTestClock()
        let writer = makeQueryClient(clock)
        _ = try await writer.fetch(["cart"], as: QueryTestCart.self) { _ in
            .modified(QueryTestCart(lines: ["a": 2]), etag: "\"e1\"")
        }
        await writer.setQueryData(["orders", "list", "1"], ["o1", "o2"])
        let written = try Self.persistence(url).save(await writer.persistableQueries(), now: clock.now)
        #expect(written == 2)

        clock.advance(by: .seconds(10))
        let restored = Self.persistence(url).load(now: clock.now)
        #expect(Set(restored.map(\.key)) == [["cart"], ["orders", "list", "1"]])
        let reader = makeQueryClient(clock)
        await reader.restore(restored)
        let etags = QueryCallCounter()
        let cart = try await reader.fetch(["cart"], as: QueryTestCart.self) { context in
            etags.record(context.etag ?? "none")
            return .notModified
        }
        #expect(cart == QueryTestCart(lines: ["a": 2]), "served at once from disk")
        await reader.waitForFetch(["cart"])
        #expect(etags.events == ["\"e1\""])
        let state = try #require(await reader.state(of: ["cart"], as: QueryTestCart.self))
        #expect(state.isStale == false)
        #expect(state.dataUpdatedAt == clock.now)
        #expect(await reader.getQueryData(["orders", "list", "1"], as: [String].self) == ["o1", "o2"])
        #expect(await reader.state(of: ["orders", "list", "1"], as: [String].self)?.isStale == true)
    }

    @Test("optimistic changes are not persisted, the confirmed value is")
    func optimisticNotPersisted() async throws {
        let clock = QueryTestClock()
        let client = makeQueryClient(clock)
        await client.setQueryData(["cart"], QueryTestCart(lines: ["a": 1]))
        let pending = Task {
            try await client.mutate(Mutation<Void>(optimisticUpdates: [.update(["cart"], as: QueryTestCart.self) { _ in QueryTestCart(lines: ["a": 5]) }]) {
                try await clock.sleep(for: .seconds(1))
            })
        }
        await clock.waitForSleeper(after: .seconds(1))
        let queries = await client.persistableQueries()
        let cart = try JSONDecoder().decode(QueryTestCart.self, from: try #require(queries.first).value)
        #expect(cart.lines == ["a": 1])
        clock.advance(by: .seconds(1))
        try await pending.value
    }

    @Test("a different buster discards the file")
    func busterMismatch() throws {
        let url = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let now = Date(timeIntervalSince1970: 1_750_000_000)
        let query = PersistedQuery(key: ["cart"], value: Data("1".utf8), etag: nil, dataUpdatedAt: now, staleAt: nil)
        try Self.persistence(url, buster: QueryPersistence.buster(appVersion: "1.0", contractVersion: "1")).save([query], now: now)
        #expect(try Self.persistence(url, buster: QueryPersistence.buster(appVersion: "1.0", contractVersion: "1")).load(now: now).map(Written.init) == [Written(query)])
        #expect(Self.persistence(url, buster: QueryPersistence.buster(appVersion: "1.1", contractVersion: "1")).load(now: now).isEmpty)
        #expect(Self.persistence(url, buster: QueryPersistence.buster(appVersion: "1.0", contractVersion: "2")).load(now: now).isEmpty)
    }

    @Test("older than 24 hours is discarded: the whole file, and single entries")
    func maxAge() throws {
        let url = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let now = Date(timeIntervalSince1970: 1_750_000_000)
        let old = PersistedQuery(key: ["old"], value: Data("1".utf8), etag: nil, dataUpdatedAt: now.addingTimeInterval(-23 * 3600), staleAt: nil)
        let recent = PersistedQuery(key: ["recent"], value: Data("2".utf8), etag: nil, dataUpdatedAt: now, staleAt: nil)
        let persistence = Self.persistence(url)
        try persistence.save([old, recent], now: now)
        #expect(persistence.load(now: now.addingTimeInterval(3600)).map(\.key) == [["recent"], ["old"]])
        #expect(persistence.load(now: now.addingTimeInterval(2 * 3600)).map(\.key) == [["recent"]])
        #expect(persistence.load(now: now.addingTimeInterval(24 * 3600 + 1)).isEmpty)
    }

    @Test("over the size cap, the newest entries are kept")
    func sizeCap() throws {
        let url = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let now = Date(timeIntervalSince1970: 1_750_000_000)
        let page = Data(("\"" + String(repeating: "x", count: 10_000) + "\"").utf8)
        let queries = (1...50).map { index in
            PersistedQuery(
                key: ["orders", "list", "\(index)"], value: page, etag: nil,
                dataUpdatedAt: now.addingTimeInterval(Double(index)), staleAt: nil)
        }
        let persistence = Self.persistence(url, maxBytes: 100_000)
        let written = try persistence.save(queries.shuffled(), now: now.addingTimeInterval(60))
        #expect(written > 0 && written < 50)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        #expect(size <= 100_000)
        let kept = persistence.load(now: now.addingTimeInterval(60)).map { Int($0.key.parts[2])! }
        #expect(kept == Array((51 - written...50).reversed()), "the newest pages first")

        let standard = Self.persistence(url)
        #expect(standard.maxBytes == 2 * 1024 * 1024)
        #expect(standard.maxAge == .seconds(86_400))
    }

    @Test("the file, assembled entry by entry, is the document JSONEncoder writes: a file from before reads the same")
    func assembledDocumentDecodesLikeTheEncodersOwn() throws {
        let now = Date(timeIntervalSince1970: 1_750_000_000.123)
        var queries: [PersistedQuery] = []
        for index in 1...3 {
            let value = Data(#"{"id":"o_\#(index)","note":"\u00e9\n\""}"#.utf8)
            let etag: String? = index == 2 ? nil : "\"e\(index)\""
            let staleAt: Date? = index == 3 ? now : nil
            let updatedAt = now.addingTimeInterval(Double(-index))
            queries.append(PersistedQuery(key: ["orders", "list", "\(index)"], value: value, etag: etag, dataUpdatedAt: updatedAt, staleAt: staleAt))
        }
        let persistence = Self.persistence(Self.temporaryFile(), buster: "leora-1.0+contract-\"1\"")
        var assembled = Data()
        let kept = try persistence.writeDocument(queries, now: now) { assembled.append($0) }
        #expect(kept == 3)
        let encoded = try QueryPersistence.encoder.encode(PersistedCache(buster: persistence.buster, savedAt: now, queries: queries))
        let mine = try QueryPersistence.decoder.decode(PersistedCache.self, from: assembled)
        let theirs = try QueryPersistence.decoder.decode(PersistedCache.self, from: encoded)
        #expect(mine.buster == theirs.buster)
        #expect(mine.savedAt == theirs.savedAt)
        #expect(try mine.queries.map(Written.init) == theirs.queries.map(Written.init))
        #expect(try mine.queries.map(Written.init) == queries.map(Written.init))
        #expect(assembled.count == encoded.count, "the same bytes, in another order at most")
    }

    /// What a file holds of an entry, to compare entries; with the synthesized coding, also an entry as
    /// files written before the values were encoded as written hold it.
    struct Written: Codable, Equatable {
        var key: QueryKey
        var value: Data
        var etag: String?
        var dataUpdatedAt: Date
        var staleAt: Date?
    }

    struct EarlierFile: Codable {
        var buster: String
        var savedAt: Date
        var queries: [Written]
    }

    @Test("a file written by an earlier version of the same buster reads the same")
    func anEarlierFileReadsTheSame() throws {
        let url = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let now = Date(timeIntervalSince1970: 1_750_000_000.5)
        let entries = [
            Written(key: ["orders", "list", "1"], value: Data(#"{"id":"o_1"}"#.utf8), etag: "\"e1\"", dataUpdatedAt: now, staleAt: now.addingTimeInterval(60)),
            Written(key: ["cart"], value: Data("{}".utf8), etag: nil, dataUpdatedAt: now.addingTimeInterval(-1), staleAt: nil),
        ]
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try QueryPersistence.encoder.encode(EarlierFile(buster: "leora-1.0+contract-1", savedAt: now, queries: entries)).write(to: url)
        let loaded = Self.persistence(url).load(now: now)
        #expect(try loaded.map(Written.init) == entries)
    }

    /// A value that notes in `log` when it is encoded.
    struct LoggedValue: Codable, Sendable {
        nonisolated(unsafe) static var log: [String] = []
        var name: String
        func encode(to encoder: any Encoder) throws {
            Self.log.append("encode \(name)")
            var container = encoder.singleValueContainer()
            try container.encode(name)
        }
    }

    @Test("a save encodes each cached value only as it writes it: one encoded page held at a time, not all of them")
    func valuesAreEncodedAsTheyAreWritten() async throws {
        let clock = QueryTestClock()
        let client = makeQueryClient(clock)
        for page in 1...3 {
            await client.setQueryData(["orders", "list", "\(page)"], LoggedValue(name: "\(page)"))
            clock.advance(by: .seconds(1))
        }
        LoggedValue.log = []
        let queries = await client.persistableQueries()
        #expect(LoggedValue.log.isEmpty, "nothing encoded before the write")
        let kept = try Self.persistence(Self.temporaryFile()).writeDocument(queries, now: clock.now) { piece in
            if let text = String(data: piece, encoding: .utf8), text.contains("dataUpdatedAt") { LoggedValue.log.append("write") }
        }
        #expect(kept == 3)
        #expect(LoggedValue.log == ["encode 3", "write", "encode 2", "write", "encode 1", "write"])
    }

    @Test("the file and its lock are mode 0600, written atomically, and wipe removes it")
    func fileModeAndWipe() throws {
        let url = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let now = Date(timeIntervalSince1970: 1_750_000_000)
        let persistence = Self.persistence(url)
        try persistence.save([PersistedQuery(key: ["cart"], value: Data("1".utf8), etag: nil, dataUpdatedAt: now, staleAt: nil)], now: now)
        try persistence.save([PersistedQuery(key: ["cart"], value: Data("2".utf8), etag: nil, dataUpdatedAt: now, staleAt: nil)], now: now)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)
        #expect(mode.intValue & 0o777 == 0o600)
        let lockMode = try #require(try FileManager.default.attributesOfItem(atPath: url.path + ".lock")[.posixPermissions] as? NSNumber)
        #expect(lockMode.intValue & 0o777 == 0o600)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
        #expect(Set(leftovers) == ["cache.json", "cache.json.lock"], "no temporary files left behind")
        #expect(try persistence.load(now: now).first?.value == Data("2".utf8))

        try persistence.wipe()
        #expect(!FileManager.default.fileExists(atPath: url.path))
        #expect(persistence.load(now: now).isEmpty)
        try persistence.wipe()
    }

    @Test("a corrupt or missing file is ignored")
    func corruptFile() throws {
        let url = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let now = Date(timeIntervalSince1970: 1_750_000_000)
        #expect(Self.persistence(url).load(now: now).isEmpty)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        for garbage in ["{not json", "", #"{"buster": 3}"#, "[1,2,3]"] {
            try Data(garbage.utf8).write(to: url)
            #expect(Self.persistence(url).load(now: now).isEmpty)
        }
    }

    @Test("the throttle writes after a change, at most once a second")
    func throttle() {
        let start = Date(timeIntervalSince1970: 1_750_000_000)
        var throttle = PersistenceThrottle()
        #expect(!throttle.shouldWrite(now: start), "nothing changed")
        throttle.markDirty()
        #expect(throttle.shouldWrite(now: start))
        throttle.didWrite(at: start)
        #expect(!throttle.shouldWrite(now: start.addingTimeInterval(0.5)))
        throttle.markDirty()
        #expect(!throttle.shouldWrite(now: start.addingTimeInterval(0.999)))
        #expect(throttle.nextWrite(after: start.addingTimeInterval(0.5)) == start.addingTimeInterval(1))
        #expect(throttle.shouldWrite(now: start.addingTimeInterval(1)))
    }
}

extension QueryPersistenceTests.Written {
    init(_ query: PersistedQuery) throws {
        self.init(key: query.key, value: try query.value, etag: query.etag, dataUpdatedAt: query.dataUpdatedAt, staleAt: query.staleAt)
    }
}
