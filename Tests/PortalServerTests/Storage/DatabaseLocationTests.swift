import Foundation
import PortalTestSupport
import Testing
@testable import PortalServer

/// `--database` and `DATABASE_URL`: a path is SQLite, a postgres:// URL is PostgreSQL, anything else is refused.
@Suite("Database locations")
struct DatabaseLocationTests {
    @Test func pathsAreSQLite() throws {
        for path in ["/var/lib/leora/portal.sqlite", "portal.sqlite", ":memory:", "./a:b.sqlite", "data/x:y"] {
            #expect(try DatabaseLocation(parsing: path) == .sqlite(path: path), "\(path)")
        }
    }

    @Test func aUnixSocketDirectoryLibpqStyle() throws {
        let location = try DatabaseLocation(parsing: "postgres://leora@/leora?host=/run/postgresql")
        #expect(location == .postgres(PostgresURL(endpoint: .unixSocket(path: "/run/postgresql/.s.PGSQL.5432"), user: "leora", password: nil, database: "leora")))
        let withPort = try PostgresURL(parsing: "postgresql://app@/portal?host=/tmp/pg/&port=6543")
        #expect(withPort.endpoint == .unixSocket(path: "/tmp/pg/.s.PGSQL.6543"))
        #expect(withPort.database == "portal")
        let debianDefault = try PostgresURL(parsing: "postgres://leora@/leora")
        #expect(debianDefault.endpoint == .unixSocket(path: "/var/run/postgresql/.s.PGSQL.5432"))
    }

    @Test func tcpWithPasswordAndDefaults() throws {
        let url = try PostgresURL(parsing: "postgres://leora:s%40cret@127.0.0.1:5433/portal")
        #expect(url == PostgresURL(endpoint: .tcp(host: "127.0.0.1", port: 5433), user: "leora", password: "s@cret", database: "portal"))
        #expect(!url.description.contains("s@cret"), "the password stays out of messages")
        let defaults = try PostgresURL(parsing: "postgres://leora@localhost")
        #expect(defaults.endpoint == .tcp(host: "localhost", port: 5432))
        #expect(defaults.database == "leora", "the database defaults to the user's name, as libpq's does")
    }

    @Test func otherSchemesAndBadURLsAreClearErrors() {
        for (text, message) in [
            ("mysql://leora@localhost/portal", "unsupported database URL scheme \"mysql\""),
            ("sqlite:///tmp/x.sqlite", "unsupported database URL scheme \"sqlite\""),
            ("postgres://localhost/portal", "must name a user"),
            ("postgres://leora@localhost/portal?sslmode=require", "sslmode=require is not supported"),
            ("postgres://leora@localhost/portal?bogus=1", "unknown parameter \"bogus\""),
            ("postgres://leora@localhost:99999/portal", "port"),
        ] {
            #expect {
                try DatabaseLocation(parsing: text)
            } throws: { error in
                "\(error)".contains(message)
            }
        }
    }

    @Test func theExecutableRefusesAnotherSchemeAndNeverMakesAFileOfAURL() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leora-url-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let other = try PortalProcess.runToExit(["--port", "0", "--database", "mysql://leora@localhost/portal"], currentDirectory: directory)
        #expect(other.status != 0)
        #expect(other.output.contains("unsupported database URL scheme \"mysql\""), "\(other.output)")
        let unreachable = try PortalProcess.runToExit(
            ["--port", "0", "--metrics-address", "none", "--database", "postgres://leora@/leora?host=\(directory.path)/no-such-dir"],
            environment: ["DATABASE_URL": ""], currentDirectory: directory)
        #expect(unreachable.status != 0)
        #expect(unreachable.output.contains("cannot connect"), "\(unreachable.output)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty, "no SQLite file named after the URL")
        let fromEnvironment = try PortalProcess.runToExit(
            ["--port", "0", "--metrics-address", "none"], environment: ["DATABASE_URL": "redis://x"], currentDirectory: directory)
        #expect(fromEnvironment.status != 0)
        #expect(fromEnvironment.output.contains("\"redis\""), "\(fromEnvironment.output)")
    }
}
