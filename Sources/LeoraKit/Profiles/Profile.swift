#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A named portal and account: where `leora` talks to, and whom it suggests logging in as.
/// Each profile keeps its own session, cache and journals (`ProfilePaths`).
public struct Profile: Sendable, Equatable {
    /// Where a profile was declared: `config.yaml` is only read; `profiles.yaml` is written by `leora profiles`.
    public enum Origin: String, Sendable, Equatable {
        case config = "config.yaml"
        case profiles = "profiles.yaml"
    }

    public var name: ProfileName
    public var server: URL
    /// The account to prefill on the login screen.
    public var email: String?
    public var origin: Origin

    public init(name: ProfileName, server: URL, email: String? = nil, origin: Origin = .profiles) {
        self.name = name
        self.server = server
        self.email = email
        self.origin = origin
    }
}

/// A portal address as a user typed it, checked: http(s), a host, no credentials.
public enum ServerAddress {
    /// Why an address was refused, in words (never echoing what may hold a password).
    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    public static func parse(_ text: String) throws(Invalid) -> URL {
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            let shown = text.contains("@") ? "The server address" : "'\(text)'"
            throw Invalid(description: "\(shown) is not a server address (expected http://HOST:PORT or https://HOST)")
        }
        // Credentials in the address would be echoed, stored with the session and sent as Basic auth.
        guard url.user == nil, url.password == nil else {
            throw Invalid(description: "The server address must not contain a user name or password (log in with `leora login`)")
        }
        return url
    }
}
