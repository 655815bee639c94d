#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PortalAPI

/// The cached session of one profile (`ProfilePaths.sessionFile`): directory 0700, file 0600,
/// written atomically (temp file + rename) while holding an exclusive `flock` on a lock file beside it.
public struct SessionFile: Sendable {
    /// Why the file could not be used; the bad file has been moved aside (to `movedTo`), never deleted.
    public struct Unreadable: Error, Sendable, Equatable {
        /// nil when it could not be moved.
        public var movedTo: String?
    }

    public let directory: URL
    public var url: URL { directory.appendingPathComponent("session.json") }
    var lockURL: URL { directory.appendingPathComponent("session.lock") }

    public init(directory: URL) { self.directory = directory }

    /// The saved session, `nil` when there is none. A corrupt or unreadable file is moved aside and `Unreadable` thrown.
    public func read() throws -> SavedSession? {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            return nil
        } catch {
            if !FileManager.default.fileExists(atPath: url.path) { return nil }
            throw Unreadable(movedTo: moveAside())
        }
        guard let session = try? PortalJSON.decoder().decode(SavedSession.self, from: data), session.version == SavedSession.currentVersion
        else {
            throw Unreadable(movedTo: moveAside())
        }
        return session
    }

    /// Writes atomically with mode 0600. Call it while holding `withLock`.
    public func write(_ session: SavedSession) throws {
        try ensureDirectory()
        let data = try PortalJSON.encoder(sortedKeys: true).encode(session)
        try QueryFileLock.writeAtomically(data, to: url.path, mode: 0o600)
    }

    public func remove() throws {
        if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
    }

    /// Runs `body` holding an exclusive lock shared with every other `leora` process.
    public func withLock<T>(isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> T) async throws -> T {
        try ensureDirectory()
        let lock = try await FileLock.acquire(lockURL)
        defer { lock.release() }
        return try await body()
    }

    private func ensureDirectory() throws {
        try LeoraDirectories.ensurePrivate(directory)
    }

    /// Moves every file beside the session that belongs to a user of `server` (checkout journals, cart
    /// queues: everything but the session and the locks) into `other-server-<stamp>/`, when the
    /// profile now talks to another server. Call it while holding `withLock`.
    func moveAsideOtherServerFiles(of server: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let kept: Set<String> = [url.lastPathComponent, lockURL.lastPathComponent]
        let moving = names.filter { !kept.contains($0) && !$0.hasSuffix(".lock") && !$0.hasPrefix("other-server-") && !$0.hasPrefix(".") }
        guard !moving.isEmpty else { return }
        let aside = directory.appendingPathComponent("other-server-\(Int(Date().timeIntervalSince1970))-\(UUID().uuidString.prefix(8).lowercased())")
        guard (try? LeoraDirectories.ensurePrivate(aside)) != nil else { return }
        try? Data("These files belonged to \(server).\n".utf8).write(to: aside.appendingPathComponent("SERVER"))
        for name in moving { rename(directory.appendingPathComponent(name).path, aside.appendingPathComponent(name).path) }
    }

    /// Moves the bad file to a name of its own (two processes, or two reads within a second, never
    /// collide); nil when it could not be moved (another process moved it first, say).
    private func moveAside() -> String? {
        let stamp = Int(Date().timeIntervalSince1970)
        let aside = url.path + ".unreadable-\(stamp)-\(UUID().uuidString.prefix(8).lowercased())"
        return rename(url.path, aside) == 0 ? aside : nil
    }
}

/// `$XDG_STATE_HOME/leora`, `$XDG_CACHE_HOME/leora` and `$XDG_CONFIG_HOME/leora`.
public enum LeoraDirectories {
    public static func state(environment: [String: String]) -> URL { base("XDG_STATE_HOME", ".local/state", environment) }
    public static func cache(environment: [String: String]) -> URL { base("XDG_CACHE_HOME", ".cache", environment) }
    public static func config(environment: [String: String]) -> URL { base("XDG_CONFIG_HOME", ".config", environment) }

    /// Creates `directory` (and its parents) if needed and makes it private (0700), tightening one that
    /// already existed with a looser mode; so are the directories between it and the `leora` directory
    /// that holds it, when there is one (never anything above that).
    public static func ensurePrivate(_ directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let components = directory.standardizedFileURL.pathComponents
        let depth = components.lastIndex(of: "leora").map { components.count - 1 - $0 } ?? 0
        var current = directory.standardizedFileURL
        for _ in 0...depth {
            chmod(current.path, 0o700)
            current = current.deletingLastPathComponent()
        }
    }

    private static func base(_ variable: String, _ fallback: String, _ environment: [String: String]) -> URL {
        if let value = environment[variable], value.hasPrefix("/") {
            return URL(fileURLWithPath: value).appendingPathComponent("leora")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(fallback).appendingPathComponent("leora")
    }
}
