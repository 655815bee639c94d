import Foundation

/// Where the query cache is persisted: one file per server and user under `$XDG_CACHE_HOME/leora/`.
public enum QueryCacheLocation {
    public static func directory(server: URL, environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        LeoraDirectories.cache(environment: environment).appendingPathComponent(SessionFile.serverKey(server))
    }

    public static func file(server: URL, userId: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let safeUser = String(userId.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" ? $0 : "-" })
        return directory(server: server, environment: environment).appendingPathComponent("\(safeUser).json")
    }

    /// The persistence for that server and user, busted by the app and contract versions.
    public static func persistence(server: URL, userId: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> QueryPersistence
    {
        QueryPersistence(fileURL: file(server: server, userId: userId, environment: environment), buster: LeoraVersion.cacheBuster)
    }

    /// Forgets every cached query for the server (at logout).
    public static func wipe(server: URL, environment: [String: String] = ProcessInfo.processInfo.environment) {
        try? FileManager.default.removeItem(at: directory(server: server, environment: environment))
    }
}
