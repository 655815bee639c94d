import Foundation

/// Where the portal keeps its data, from `--database` or `DATABASE_URL`: a file path (or `:memory:`)
/// is SQLite; a `postgres://` or `postgresql://` URL is PostgreSQL. Anything else that looks like a URL
/// is refused, so a mistyped scheme never becomes a SQLite file named after the URL.
public enum DatabaseLocation: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(PostgresURL)

    public init(parsing text: String) throws {
        if let scheme = Self.scheme(of: text) {
            guard ["postgres", "postgresql"].contains(scheme.lowercased()) else {
                throw DatabaseLocationError(
                    "unsupported database URL scheme \"\(scheme)\": give a file path for SQLite, or a postgres:// URL for PostgreSQL")
            }
            self = .postgres(try PostgresURL(parsing: text))
        } else {
            guard !text.isEmpty else { throw DatabaseLocationError("the database location is empty") }
            self = .sqlite(path: text)
        }
    }

    /// `postgres` in `postgres://…` and in `postgres:…`; nil for a path (`./a:b`, `/tmp/x`, `:memory:`).
    static func scheme(of text: String) -> String? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let candidate = text[..<colon]
        guard let first = candidate.first, first.isASCII, first.isLetter,
            candidate.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return nil }
        let rest = text[text.index(after: colon)...]
        // `name:thing` without `//` is a file name with a colon, unless the name is one of ours.
        if rest.hasPrefix("//") || ["postgres", "postgresql"].contains(candidate.lowercased()) { return String(candidate) }
        return nil
    }
}

public struct DatabaseLocationError: Error, CustomStringConvertible, Equatable {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// A libpq-style connection URL: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?host=/socket/dir&port=…]`.
/// A host (in the authority or `?host=`) that starts with `/` is the directory of a Unix socket, as libpq
/// reads it (`postgres://leora@/leora?host=/run/postgresql`); with no host at all, Debian's socket
/// directory `/var/run/postgresql`. TCP connections are unencrypted (`sslmode=disable`); other modes are refused.
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    public enum Endpoint: Sendable, Equatable {
        /// The socket file itself, `DIR/.s.PGSQL.PORT`.
        case unixSocket(path: String)
        case tcp(host: String, port: Int)
    }

    public var endpoint: Endpoint
    public var user: String
    public var password: String?
    public var database: String

    public init(endpoint: Endpoint, user: String, password: String?, database: String) {
        self.endpoint = endpoint
        self.user = user
        self.password = password
        self.database = database
    }

    public init(parsing text: String) throws {
        guard let components = URLComponents(string: text), let scheme = components.scheme,
            ["postgres", "postgresql"].contains(scheme.lowercased())
        else { throw DatabaseLocationError("not a valid postgres:// URL: \(Self.redacted(text))") }
        var parameters: [String: String] = [:]
        for item in components.queryItems ?? [] { parameters[item.name] = item.value ?? "" }
        let known: Set = ["host", "port", "user", "password", "dbname", "sslmode", "application_name"]
        if let unknown = parameters.keys.sorted().first(where: { !known.contains($0) }) {
            throw DatabaseLocationError("unknown parameter \"\(unknown)\" in the database URL")
        }
        if let mode = parameters["sslmode"], !["disable", "allow", "prefer"].contains(mode) {
            throw DatabaseLocationError("sslmode=\(mode) is not supported: leora-portal connects without TLS (a Unix socket, or a trusted network)")
        }
        let host = parameters["host"] ?? components.percentEncodedHost.flatMap { $0.removingPercentEncoding } ?? ""
        let portText = parameters["port"] ?? components.port.map(String.init) ?? "5432"
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw DatabaseLocationError("the database URL's port must be between 1 and 65535")
        }
        if host.isEmpty {
            endpoint = .unixSocket(path: "/var/run/postgresql/.s.PGSQL.\(port)")
        } else if host.hasPrefix("/") {
            let directory = host.hasSuffix("/") ? String(host.dropLast()) : host
            endpoint = .unixSocket(path: "\(directory)/.s.PGSQL.\(port)")
        } else {
            endpoint = .tcp(host: host, port: port)
        }
        let userInURL = components.percentEncodedUser.flatMap { $0.removingPercentEncoding }.flatMap { $0.isEmpty ? nil : $0 }
        guard let user = parameters["user"] ?? userInURL else {
            throw DatabaseLocationError("the database URL must name a user (postgres://USER@…)")
        }
        self.user = user
        password = parameters["password"] ?? components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        let path = components.percentEncodedPath.removingPercentEncoding ?? ""
        let name = parameters["dbname"] ?? String(path.drop { $0 == "/" })
        database = name.isEmpty ? user : name
    }

    /// The URL without its password, for messages and logs.
    public var description: String {
        switch endpoint {
        case .unixSocket(let path): "postgres://\(user)@/\(database) (socket \(path))"
        case .tcp(let host, let port): "postgres://\(user)@\(host):\(port)/\(database)"
        }
    }

    static func redacted(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@"), let schemeEnd = text.range(of: "://") else { return text }
        guard schemeEnd.upperBound <= at else { return text }
        let authority = text[schemeEnd.upperBound..<at]
        guard let colon = authority.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}
