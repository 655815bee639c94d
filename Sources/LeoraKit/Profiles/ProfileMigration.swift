#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Moves a single-server setup's files (`$XDG_STATE_HOME/leora/<server>/` and
/// `$XDG_CACHE_HOME/leora/<server>/`, for the default profile's server) into the `default` profile,
/// once: under an exclusive lock, by `rename` (a whole directory at once when the profile has none
/// yet, else file by file, never over a file the profile already has), then a marker that says it
/// is done. A second process waits for the lock, sees the marker and does nothing; a migration cut
/// short (a crash) is finished by the next run, as every step can be repeated.
public enum ProfileMigration {
    public enum Outcome: Sendable, Equatable {
        /// The marker was there: done before.
        case alreadyDone
        /// Done now; `moved` is how many directories or files were moved.
        case migrated(moved: Int)
    }

    @discardableResult
    public static func run(defaultServer: URL, _ paths: LeoraPaths) throws -> Outcome {
        let profiles = paths.migrationMarker.deletingLastPathComponent()
        if FileManager.default.fileExists(atPath: paths.migrationMarker.path) { return .alreadyDone }
        try LeoraDirectories.ensurePrivate(profiles)
        return try QueryFileLock.withExclusiveLock(at: paths.migrationLock.path) {
            if FileManager.default.fileExists(atPath: paths.migrationMarker.path) { return .alreadyDone }
            let target = paths.profile(.standard)
            var moved = try move(paths.legacyState(server: defaultServer), to: target.state)
            if FileManager.default.fileExists(atPath: paths.legacyCache(server: defaultServer).path) {
                try LeoraDirectories.ensurePrivate(target.cache.deletingLastPathComponent())
                moved += try move(paths.legacyCache(server: defaultServer), to: target.cache)
            }
            let note = "moved \(LeoraPaths.serverKey(defaultServer)) into profiles/default at \(Date())\n"
            try QueryFileLock.writeAtomically(Data(note.utf8), to: paths.migrationMarker.path, mode: 0o600)
            return .migrated(moved: moved)
        }
    }

    /// Renames `source` to `destination`, or its entries into it when it exists; how many were moved.
    private static func move(_ source: URL, to destination: URL) throws -> Int {
        guard FileManager.default.fileExists(atPath: source.path) else { return 0 }
        if !FileManager.default.fileExists(atPath: destination.path) {
            guard rename(source.path, destination.path) == 0 else {
                throw QueryFileLock.SystemError(operation: "rename", path: source.path, code: errno)
            }
            return 1
        }
        var moved = 0
        for entry in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            let from = source.appendingPathComponent(entry).path
            let to = destination.appendingPathComponent(entry).path
            // The profile's own file is newer than the legacy one: the legacy one stays where it was.
            guard !FileManager.default.fileExists(atPath: to) else { continue }
            guard rename(from, to) == 0 else { throw QueryFileLock.SystemError(operation: "rename", path: from, code: errno) }
            moved += 1
        }
        rmdir(source.path)  // only when it is empty now
        return moved
    }
}
