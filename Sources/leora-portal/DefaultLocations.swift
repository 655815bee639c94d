import Foundation

/// Where the server keeps its files by default (XDG base directories).
enum DefaultLocations {
    static func databasePath(environment: [String: String]) -> String {
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return dataHome + "/leora-portal/portal.sqlite"
    }
}
