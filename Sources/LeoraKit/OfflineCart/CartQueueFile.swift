#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PortalAPI

/// One user's offline cart queue on disk: `cart-queue-<userId>.json` in the directory handed in
/// (the session file's), mode 0600, replaced atomically, read-modify-written under an exclusive
/// `flock` on `cart-queue-<userId>.lock`. A replayer holds `cart-replay-<userId>.lock` while it
/// replays, so one process replays at a time. A corrupt file is moved aside, never deleted.
public struct CartQueueFile: Sendable {
    /// The file could not be read; it was moved to `movedTo` (nil when it could not be moved).
    public struct Unreadable: Error, Sendable, Equatable {
        public var movedTo: String?
    }

    public let directory: URL
    public let userId: String

    public init(directory: URL, userId: String) {
        self.directory = directory
        self.userId = userId
    }

    var safeUserId: String { String(userId.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" ? $0 : "-" }) }
    public var url: URL { directory.appendingPathComponent("cart-queue-\(safeUserId).json") }
    var lockURL: URL { directory.appendingPathComponent("cart-queue-\(safeUserId).lock") }
    var replayLockURL: URL { directory.appendingPathComponent("cart-replay-\(safeUserId).lock") }

    /// The queue; an empty one when there is no file. A corrupt file (or one of another user or
    /// version) is moved aside and `Unreadable` thrown.
    public func read() throws -> CartQueueDocument {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            if !FileManager.default.fileExists(atPath: url.path) { return CartQueueDocument(userId: userId) }
            throw Unreadable(movedTo: moveAside())
        }
        guard let document = try? PortalJSON.decoder().decode(CartQueueDocument.self, from: data),
            document.version == CartQueueDocument.currentVersion, document.userId == userId
        else {
            throw Unreadable(movedTo: moveAside())
        }
        return document
    }

    /// Writes atomically with mode 0600; call it while holding `withLock`.
    public func write(_ document: CartQueueDocument) throws {
        try LeoraDirectories.ensurePrivate(directory)
        try QueryFileLock.writeAtomically(try PortalJSON.encoder(sortedKeys: true).encode(document), to: url.path, mode: 0o600)
    }

    /// Reads, changes and writes the queue holding the lock shared with every other `leora`.
    /// An unreadable file is moved aside and the change starts from an empty queue.
    @discardableResult
    public func update<T>(isolation: isolated (any Actor)? = #isolation, _ change: (inout CartQueueDocument) throws -> T) async throws -> T {
        try LeoraDirectories.ensurePrivate(directory)
        let lock = try await FileLock.acquire(lockURL)
        defer { lock.release() }
        var document = (try? read()) ?? CartQueueDocument(userId: userId)
        let before = document
        let result = try change(&document)
        if document != before { try write(document) }
        return result
    }

    /// Takes the replayer's lock without waiting: nil while another process (or task) replays.
    /// Released when the returned lock is released or the process ends.
    func tryReplayLock() throws -> FileLock? {
        try LeoraDirectories.ensurePrivate(directory)
        return try FileLock.acquire(replayLockURL, waiting: false)
    }

    private func moveAside() -> String? {
        let stamp = Int(Date().timeIntervalSince1970)
        let aside = url.path + ".unreadable-\(stamp)-\(UUID().uuidString.prefix(8).lowercased())"
        return rename(url.path, aside) == 0 ? aside : nil
    }
}
