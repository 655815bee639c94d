#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One HTTP request as the transport sends it.
public struct TransportRequest: Sendable, Equatable {
    public var method: String
    /// Absolute URL.
    public var url: String
    public var headers: [Header]
    /// `nil` sends no body and no `Content-Type`.
    public var body: Data?

    public init(method: String, url: String, headers: [Header] = [], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// A response as received (body already decompressed).
public struct TransportResponse: Sendable, Equatable {
    public var status: Int
    public var headers: [Header]
    public var body: Data

    public init(status: Int, headers: [Header] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first header of that name (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

public struct Header: Sendable, Equatable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// Why a request got no HTTP response.
public enum TransportError: Error, Sendable, Equatable {
    /// Refused, unreachable, DNS failure: the server cannot be reached.
    case cannotConnect(String)
    case timedOut
    case cancelled
    /// TLS and every other failure.
    case failed(String)
}

/// A cookie as the cookie engine holds it.
public struct StoredCookie: Codable, Sendable, Equatable {
    public var domain: String
    public var path: String
    public var name: String
    public var value: String
    public var secure: Bool
    public var httpOnly: Bool
    /// When the engine drops it, as recorded when the response arrived; `nil` for a session cookie.
    public var expires: Date?
    /// Whether the cookie applies to subdomains too.
    public var includeSubdomains: Bool

    public init(
        domain: String, path: String, name: String, value: String, secure: Bool = false, httpOnly: Bool = true,
        expires: Date?, includeSubdomains: Bool = false
    ) {
        self.domain = domain
        self.path = path
        self.name = name
        self.value = value
        self.secure = secure
        self.httpOnly = httpOnly
        self.expires = expires
        self.includeSubdomains = includeSubdomains
    }
}

/// Sends HTTP requests with one shared cookie engine that behaves like a browser's (`Path`,
/// `Max-Age`, expiry). The live implementation is `CurlTransport`; tests may use their own.
public protocol HTTPTransport: Sendable {
    /// Sends the request; throws `TransportError` when no response arrives. Cancelling the task cancels it.
    func send(_ request: TransportRequest) async throws -> TransportResponse
    /// Every live cookie the engine holds.
    func cookies() -> [StoredCookie]
    /// Replaces every cookie the engine holds (to adopt a session saved by another process).
    func replaceCookies(with cookies: [StoredCookie])
}
