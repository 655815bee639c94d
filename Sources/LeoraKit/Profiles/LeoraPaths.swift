#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Every file `leora` keeps, in one place: one directory under state and one under cache per profile,
/// and the few files that are about profiles themselves.
///
/// ```
/// $XDG_CONFIG_HOME/leora/config.yaml          read only (`profiles:` among its settings)
/// $XDG_CONFIG_HOME/leora/profiles.yaml        written by `leora profiles add|remove`
/// $XDG_STATE_HOME/leora/current-profile       written by `leora profiles use`
/// $XDG_STATE_HOME/leora/profiles/<name>/      session, checkout journal, cart queue, their locks
/// $XDG_CACHE_HOME/leora/profiles/<name>/      the persisted query cache, one file per user
/// ```
public struct LeoraPaths: Sendable, Equatable {
    public let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) { self.environment = environment }

    public var stateRoot: URL { LeoraDirectories.state(environment: environment) }
    public var cacheRoot: URL { LeoraDirectories.cache(environment: environment) }
    public var configRoot: URL { LeoraDirectories.config(environment: environment) }

    public var configFile: URL { configRoot.appendingPathComponent("config.yaml") }
    public var profilesFile: URL { configRoot.appendingPathComponent("profiles.yaml") }
    /// Held while `profiles.yaml` is rewritten (beside the state, which is always writable).
    var profilesFileLock: URL { stateRoot.appendingPathComponent("profiles.yaml.lock") }
    public var currentProfileFile: URL { stateRoot.appendingPathComponent("current-profile") }

    /// The directories of one profile.
    public func profile(_ name: ProfileName) -> ProfilePaths {
        ProfilePaths(
            name: name, state: stateRoot.appendingPathComponent("profiles").appendingPathComponent(name.rawValue),
            cache: cacheRoot.appendingPathComponent("profiles").appendingPathComponent(name.rawValue))
    }

    // MARK: The layout before profiles (one directory per server), read once by `ProfileMigration`.

    /// `$XDG_STATE_HOME/leora/http-127.0.0.1-8787`: where a server's session was kept before profiles.
    public func legacyState(server: URL) -> URL { stateRoot.appendingPathComponent(Self.serverKey(server)) }
    public func legacyCache(server: URL) -> URL { cacheRoot.appendingPathComponent(Self.serverKey(server)) }
    /// Written once the legacy files were moved: its presence means "never again".
    var migrationMarker: URL { stateRoot.appendingPathComponent("profiles").appendingPathComponent(".migrated-v1") }
    var migrationLock: URL { stateRoot.appendingPathComponent("profiles.migration.lock") }

    /// `http-127.0.0.1-8787`: a directory name for a server (the legacy layout's key).
    static func serverKey(_ server: URL) -> String {
        let raw = "\(server.scheme ?? "http")-\(server.host ?? "server")-\(server.port.map(String.init) ?? "default")\(server.path)"
        return String(raw.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "-" })
    }
}

/// One profile's directories: state (session, checkout journal, cart queue, locks) and cache.
public struct ProfilePaths: Sendable, Equatable {
    public let name: ProfileName
    public let state: URL
    public let cache: URL

    /// The profile's session file; every other per-profile state file lives beside it.
    public var sessionFile: SessionFile { SessionFile(directory: state) }

    /// The persisted query cache of one user of this profile.
    public func cacheFile(userId: String) -> URL {
        let safeUser = String(userId.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" ? $0 : "-" })
        return cache.appendingPathComponent("\(safeUser).json")
    }

    /// The cache of `userId` on `server`: the buster names the server too, so a cache written for
    /// another server (the profile's address changed) is never shown.
    public func cachePersistence(server: URL, userId: String) -> QueryPersistence {
        QueryPersistence(fileURL: cacheFile(userId: userId), buster: LeoraVersion.cacheBuster + " " + server.absoluteString)
    }

    /// Forgets every cached query of the profile (at logout).
    public func wipeCache() {
        try? FileManager.default.removeItem(at: cache)
    }
}
