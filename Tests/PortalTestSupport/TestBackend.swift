import Foundation
import GRDB
import PostgresNIO

/// The storage the server tests run against: SQLite, or PostgreSQL when `LEORA_TEST_DATABASE=postgres`
/// (`make test` runs the server suite once with each). One suite, two backends: `TestServer` asks this
/// for each server's database.
public enum TestBackend: String, Sendable {
    case sqlite
    case postgres

    public static var current: TestBackend {
        ProcessInfo.processInfo.environment["LEORA_TEST_DATABASE"] == "postgres" ? .postgres : .sqlite
    }

    /// A fresh, empty database: a SQLite file in `directory`, or a new database in the test cluster.
    public func freshDatabase(in directory: URL) async throws -> String {
        switch self {
        case .sqlite: return directory.appendingPathComponent("portal.sqlite").path
        case .postgres: return try await PostgresTestCluster.shared().createDatabase().url
        }
    }
}

/// A value bound into the raw SQL tests run against a server's database.
public enum SQLValue: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case text(String)
    case integer(Int)
    case date(Date)
    case blob(Data)

    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
}

/// A server's database opened beside it, across tenants (SQLite directly; PostgreSQL as the superuser, whom
/// row-level security does not bind), for what no route does: planting rows, changing a role, breaking it.
/// SQL uses `?` placeholders on both backends; `backend` tells a test which dialect to write where they differ.
public struct TestDatabase: Sendable {
    public let backend: TestBackend
    /// The SQLite path, or the PostgreSQL database's name.
    let location: String

    /// The database at `location`: a SQLite path or a postgres:// URL.
    public init(location: String) {
        if let name = Self.postgresName(of: location) {
            backend = .postgres
            self.location = name
        } else {
            backend = .sqlite
            self.location = location
        }
    }

    /// The database named by a postgres:// URL; nil for a path.
    static func postgresName(of location: String) -> String? {
        guard location.hasPrefix("postgres://") || location.hasPrefix("postgresql://"),
            let components = URLComponents(string: location)
        else { return nil }
        return String(components.path.drop { $0 == "/" })
    }

    public func execute(_ sql: String, _ arguments: [SQLValue] = []) async throws {
        switch backend {
        case .sqlite:
            let writer = try DatabaseQueue(path: location, configuration: Self.sqliteConfiguration)
            try await writer.write { db in try db.execute(sql: sql, arguments: StatementArguments(arguments.map(\.sqlite))) }
        case .postgres:
            try await PostgresTestCluster.shared().withClient(database: location) { client in
                try await client.run(try Self.postgresQuery(sql, arguments))
            }
        }
    }

    /// The first column of every row, as text.
    public func strings(_ sql: String, _ arguments: [SQLValue] = []) async throws -> [String] {
        switch backend {
        case .sqlite:
            let reader = try DatabaseQueue(path: location, configuration: Self.sqliteConfiguration)
            return try await reader.read { db in try String.fetchAll(db, sql: sql, arguments: StatementArguments(arguments.map(\.sqlite))) }
        case .postgres:
            return try await PostgresTestCluster.shared().withClient(database: location) { client in
                var values: [String] = []
                for try await row in try await client.query(try Self.postgresQuery(sql, arguments)) {
                    values.append(try row.makeRandomAccess()[0].decode(String.self))
                }
                return values
            }
        }
    }

    private static var sqliteConfiguration: Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        return configuration
    }

    private static func postgresQuery(_ sql: String, _ arguments: [SQLValue]) throws -> PostgresQuery {
        var text = ""
        var index = 0
        for character in sql {
            if character == "?" {
                index += 1
                text += "$\(index)"
            } else {
                text.append(character)
            }
        }
        var bindings = PostgresBindings()
        for argument in arguments {
            switch argument {
            case .text(let value): bindings.append(value)
            case .integer(let value): bindings.append(value)
            case .date(let value): bindings.append(value)
            case .blob(let value): try bindings.append(value)
            }
        }
        return PostgresQuery(unsafeSQL: text, binds: bindings)
    }
}

extension SQLValue {
    var sqlite: (any DatabaseValueConvertible)? {
        switch self {
        case .text(let value): value
        case .integer(let value): value
        case .date(let value): value
        case .blob(let value): value
        }
    }
}
