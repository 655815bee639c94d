#if canImport(Glibc)
import Glibc
#endif
import Foundation
import LeoraKit
import PortalAPI
import Testing

@Suite("The offline cart queue file")
struct CartQueueFileTests {
    static func entry(_ seq: Int, user: String = "u1", product: String = "p1", target: Int = 2, base: Int = 0) -> CartQueueEntry {
        CartQueueEntry(
            seq: seq, userId: user, operation: .setLine,
            line: CartItem(id: "i", productId: product, sku: "S", name: "Wine \(product)", unit: "bottle", quantity: 0, unitPriceCents: 1000, lineTotalCents: 0),
            target: target, base: base, createdAt: Date(timeIntervalSince1970: 1_700_000_000))
    }

    @Test func itIsWrittenWithMode0600InAPrivateDirectoryAndReadBack() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let file = CartQueueFile(directory: directory.url.appendingPathComponent("leora/server"), userId: "u1")
        #expect(try file.read().entries.isEmpty, "no file is an empty queue")
        try await file.update { $0.entries.append(Self.entry(1)) }
        var info = stat()
        #expect(stat(file.url.path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(stat(file.directory.path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o700)
        let read = try file.read()
        #expect(read.entries.map(\.seq) == [1])
        #expect(read.entries.first?.target == 2)
        #expect(file.url.lastPathComponent == "cart-queue-u1.json")
    }

    @Test func writesAreAtomicNoTemporaryFileIsLeftAndOldContentIsReplacedWhole() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let file = CartQueueFile(directory: directory.url, userId: "u1")
        for seq in 1...20 { try await file.update { $0.entries.append(Self.entry(seq)) } }
        try await file.update { $0.entries.removeAll() }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.url.path)
        #expect(!names.contains { $0.contains(".tmp-") }, "\(names)")
        #expect(try file.read().entries.isEmpty)
    }

    @Test func aCorruptFileIsMovedAsideNeverDeleted() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let file = CartQueueFile(directory: directory.url, userId: "u1")
        try FileManager.default.createDirectory(at: directory.url, withIntermediateDirectories: true)
        try Data("{not json".utf8).write(to: file.url)
        let error = try #require(throws: CartQueueFile.Unreadable.self) { try file.read() }
        let aside = try #require(error.movedTo)
        #expect(try String(contentsOfFile: aside, encoding: .utf8) == "{not json", "the bad file is kept, as it was")
        #expect(!FileManager.default.fileExists(atPath: file.url.path))
        #expect(try file.read().entries.isEmpty)
    }

    @Test func aQueueWhoseFileIsCorruptStartsEmptyAndSaysWhereTheFileWasKept() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let file = CartQueueFile(directory: directory.url, userId: "u1")
        try FileManager.default.createDirectory(at: directory.url, withIntermediateDirectories: true)
        try Data("[1, 2".utf8).write(to: file.url)
        let queue = CartQueue(directory: directory.url, cache: QueryClient()) { "u1" }
        let snapshot = await queue.reload()
        #expect(snapshot.entries.isEmpty)
        let aside = try #require(snapshot.movedAside)
        #expect(try String(contentsOfFile: aside, encoding: .utf8) == "[1, 2")
    }

    @Test func anotherUsersQueueIsNeverRead() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let mine = CartQueueFile(directory: directory.url, userId: "u1")
        try await mine.update { $0.entries.append(Self.entry(1)) }
        // Someone copied u1's file over u2's name: u2 never replays it.
        let theirs = CartQueueFile(directory: directory.url, userId: "u2")
        try FileManager.default.copyItem(at: mine.url, to: theirs.url)
        #expect(throws: CartQueueFile.Unreadable.self) { try theirs.read() }
        #expect(try mine.read().entries.count == 1)
    }

    @Test func concurrentReadModifyWritesFromManyTasksLoseNothing() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.url
        try await withThrowingTaskGroup(of: Void.self) { group in
            for seq in 1...40 {
                group.addTask {
                    // A file value of its own each time, as two processes would have.
                    try await CartQueueFile(directory: url, userId: "u1").update { document in
                        document.entries.append(Self.entry(document.nextSeq))
                        document.nextSeq += 1
                    }
                    _ = seq
                }
            }
            try await group.waitForAll()
        }
        let document = try CartQueueFile(directory: url, userId: "u1").read()
        #expect(document.entries.map(\.seq) == Array(1...40))
    }

    @Test func theEstimateAppliesAbsoluteTargetsSoApplyingTwiceChangesNothing() {
        let cart = Cart(
            id: "c", customer: nil, items: [], itemCount: 0, subtotalCents: 0, taxCents: 0, totalCents: 0, currency: "USD", version: 1,
            updatedAt: Date(timeIntervalSince1970: 0))
        let entries = [Self.entry(1, target: 3), Self.entry(2, product: "p2", target: 1), Self.entry(3, target: 5, base: 3), Self.entry(4, product: "p2", target: 0, base: 1)]
        let once = CartQueueEstimate.apply(entries, to: cart)
        #expect(once?.items.map(\.productId) == ["p1"])
        #expect(once?.items.first?.quantity == 5)
        #expect(once?.subtotalCents == 5000)
        #expect(CartQueueEstimate.apply(entries, to: once) == once)
    }
}
