import Foundation

/// Where the server keeps its data by default (XDG base directories).
enum DefaultLocations {
    static func databasePath(environment: [String: String]) -> String {
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return dataHome + "/leora-portal/portal.sqlite"
    }

    /// `--database`, else `DATABASE_URL`, else the default SQLite file.
    static func database(option: String?, environment: [String: String]) -> String {
        option ?? environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? databasePath(environment: environment)
    }
}
