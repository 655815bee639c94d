import Foundation
import PortalTestSupport
import Testing

@testable import LeoraKit

/// A single-server setup's files moved into the `default` profile once, by rename, under a lock:
/// real files, and real threads racing each other.
@Suite struct ProfileMigrationTests {
    static let server = URL(string: "http://127.0.0.1:8787")!

    /// The files a single-server setup had, with their contents.
    static func legacyLayout(_ paths: LeoraPaths) throws -> [String: String] {
        let state = paths.legacyState(server: server)
        let cache = paths.legacyCache(server: server)
        let files = [
            state.appendingPathComponent("session.json").path: "{\"session\":1}",
            state.appendingPathComponent("checkout-usr_1.json").path: "{\"journal\":1}",
            state.appendingPathComponent("cart-queue-usr_1.json").path: "{\"queue\":1}",
            cache.appendingPathComponent("usr_1.json").path: "{\"cache\":1}",
        ]
        for (path, text) in files {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return files
    }

    /// Where each legacy file belongs in the default profile.
    static func migrated(_ path: String, _ paths: LeoraPaths) -> String {
        let profile = paths.profile(.standard)
        return path.replacingOccurrences(of: paths.legacyState(server: server).path, with: profile.state.path)
            .replacingOccurrences(of: paths.legacyCache(server: server).path, with: profile.cache.path)
    }

    /// Every regular file under `root` (the lock and marker files aside).
    static func files(under root: URL) -> [String] {
        (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? [])
            .filter { !$0.hasSuffix(".lock") && !$0.hasSuffix(".migrated-v1") }
            .filter { var isDirectory: ObjCBool = false; return FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path, isDirectory: &isDirectory) && !isDirectory.boolValue }
            .sorted()
    }

    static func environment(_ directory: TemporaryDirectory) -> [String: String] {
        ["HOME": directory.url.path, "XDG_STATE_HOME": directory.url.appendingPathComponent("state").path,
         "XDG_CACHE_HOME": directory.url.appendingPathComponent("cache").path]
    }

    @Test func theLegacyFilesMoveOnceIntoTheDefaultProfile() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let paths = LeoraPaths(environment: Self.environment(directory))
        let files = try Self.legacyLayout(paths)
        // Another server's directory is not the default profile's: it stays as it is.
        let other = paths.legacyState(server: URL(string: "http://other.test:1")!).appendingPathComponent("session.json")
        try FileManager.default.createDirectory(at: other.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "other".write(to: other, atomically: true, encoding: .utf8)

        #expect(try ProfileMigration.run(defaultServer: Self.server, paths) == .migrated(moved: 2), "one rename per directory")
        for (path, text) in files {
            #expect(!FileManager.default.fileExists(atPath: path), "\(path) was moved")
            #expect(try String(contentsOfFile: Self.migrated(path, paths), encoding: .utf8) == text)
        }
        #expect(try String(contentsOf: other, encoding: .utf8) == "other")
        #expect(paths.profile(.standard).sessionFile.url.path == Self.migrated(files.keys.first { $0.hasSuffix("session.json") }!, paths))

        // Once: legacy files that appear later (an older leora still running) are left alone.
        let late = try Self.legacyLayout(paths)
        #expect(try ProfileMigration.run(defaultServer: Self.server, paths) == .alreadyDone)
        for path in late.keys { #expect(FileManager.default.fileExists(atPath: path)) }
    }

    @Test func aProfileFileIsNeverOverwrittenAndNothingIsLost() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let paths = LeoraPaths(environment: Self.environment(directory))
        let files = try Self.legacyLayout(paths)
        let session = paths.profile(.standard).sessionFile.url
        try FileManager.default.createDirectory(at: session.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "newer".write(to: session, atomically: true, encoding: .utf8)

        #expect(try ProfileMigration.run(defaultServer: Self.server, paths) == .migrated(moved: 3), "two files one by one, the cache directory at once")
        #expect(try String(contentsOf: session, encoding: .utf8) == "newer")
        let legacySession = paths.legacyState(server: Self.server).appendingPathComponent("session.json")
        #expect(try String(contentsOf: legacySession, encoding: .utf8) == files[legacySession.path], "left where it was, not lost")
        #expect(FileManager.default.fileExists(atPath: paths.profile(.standard).state.appendingPathComponent("cart-queue-usr_1.json").path))
    }

    @Test func aMigrationCutShortIsFinishedByTheNextRun() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let paths = LeoraPaths(environment: Self.environment(directory))
        let files = try Self.legacyLayout(paths)
        // The state directory was moved, then the process died before the cache and the marker.
        try FileManager.default.createDirectory(at: paths.profile(.standard).state.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: paths.legacyState(server: Self.server), to: paths.profile(.standard).state)

        #expect(try ProfileMigration.run(defaultServer: Self.server, paths) == .migrated(moved: 1))
        for (path, text) in files { #expect(try String(contentsOfFile: Self.migrated(path, paths), encoding: .utf8) == text) }
    }

    @Test func racingMigrationsMoveEverythingExactlyOnce() async throws {
        for round in 0..<5 {
            let directory = TemporaryDirectory()
            defer { directory.remove() }
            let paths = LeoraPaths(environment: Self.environment(directory))
            let files = try Self.legacyLayout(paths)
            let racers = 12
            // Real threads, each with its own descriptor on the lock file (as separate processes have).
            let outcomes = await withTaskGroup(of: ProfileMigration.Outcome?.self) { group in
                for _ in 0..<racers {
                    group.addTask { await onOwnThread { try? ProfileMigration.run(defaultServer: Self.server, paths) } }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.count == racers)
            #expect(outcomes.filter { $0 == .migrated(moved: 2) }.count == 1, "round \(round): \(outcomes)")
            #expect(outcomes.filter { $0 == .alreadyDone }.count == racers - 1, "round \(round): \(outcomes)")
            let root = directory.url
            let expected = files.keys.map { Self.migrated($0, paths).replacingOccurrences(of: root.path + "/", with: "") }.sorted()
            #expect(Self.files(under: root) == expected, "round \(round): each file once, in the profile")
            for (path, text) in files { #expect(try String(contentsOfFile: Self.migrated(path, paths), encoding: .utf8) == text) }
        }
    }
}
