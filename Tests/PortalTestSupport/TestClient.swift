import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PortalAPI
import Synchronization

/// An HTTP client over real loopback connections with a small browser-like cookie jar
/// (honours `Path` and `Max-Age`).
public final class TestClient: Sendable {
    public let baseURL: String
    public let jar = Mutex<[String: StoredCookie]>([:])

    public struct StoredCookie: Sendable, Equatable {
        public var value: String
        public var path: String
        public var expires: Date
        public var attributes: String
    }

    public init(baseURL: String) { self.baseURL = baseURL }

    public func get(_ path: String, headers: [(String, String)] = []) async throws -> TestResponse {
        try await send("GET", path, headers: headers)
    }

    public func post(_ path: String, json: JSONValue? = nil, headers: [(String, String)] = []) async throws -> TestResponse {
        try await send("POST", path, body: json.map(Self.encode), headers: headers)
    }

    public func send(
        _ method: String, _ path: String, body: Data? = nil, contentType: String? = "application/json",
        headers: [(String, String)] = []
    ) async throws -> TestResponse {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = HTTPMethod(rawValue: method)
        let cookiePath = path.split(separator: "?").first.map(String.init) ?? path
        let cookies = jar.withLock { jar in
            jar.filter { $0.value.expires > Date() && cookiePath.hasPrefix($0.value.path) }
                .sorted { $0.key < $1.key }
                .map { "\($0.key)=\($0.value.value)" }
        }
        if !cookies.isEmpty { request.headers.add(name: "Cookie", value: cookies.joined(separator: "; ")) }
        if let body {
            if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
            request.body = .bytes(ByteBuffer(data: body))
        }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        let result = TestResponse(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: Data(buffer: bytes))
        store(result.headers(named: "Set-Cookie"))
        return result
    }

    /// Keeps `Set-Cookie` values like a browser: `Max-Age=0` deletes.
    public func store(_ setCookies: [String]) {
        jar.withLock { jar in
            for header in setCookies {
                let parts = header.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                guard let pair = parts.first?.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false), pair.count == 2 else { continue }
                var path = "/"
                var maxAge = Int.max
                for attribute in parts.dropFirst() {
                    let kv = attribute.split(separator: "=", maxSplits: 1).map(String.init)
                    if kv[0].lowercased() == "path", kv.count == 2 { path = kv[1] }
                    if kv[0].lowercased() == "max-age", kv.count == 2 { maxAge = Int(kv[1]) ?? 0 }
                }
                let name = String(pair[0])
                if maxAge <= 0 {
                    jar[name] = nil
                } else {
                    jar[name] = StoredCookie(
                        value: String(pair[1]), path: path, expires: Date().addingTimeInterval(TimeInterval(min(maxAge, 1 << 30))),
                        attributes: parts.dropFirst().joined(separator: "; "))
                }
            }
        }
    }

    public func cookie(_ name: String) -> StoredCookie? { jar.withLock { $0[name] } }

    public func setCookie(_ name: String, _ value: String, path: String = "/") {
        jar.withLock { $0[name] = StoredCookie(value: value, path: path, expires: .distantFuture, attributes: "") }
    }

    public func removeCookie(_ name: String) { jar.withLock { $0[name] = nil } }

    public static func encode(_ value: JSONValue) -> Data { (try? JSONEncoder().encode(value)) ?? Data() }
}

/// A response as received.
public struct TestResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: Data

    public var text: String { String(decoding: body, as: UTF8.self) }

    public func header(_ name: String) -> String? { headers(named: name).first }

    public func headers(named name: String) -> [String] {
        headers.filter { $0.0.lowercased() == name.lowercased() }.map(\.1)
    }

    public var json: JSONValue { (try? JSONDecoder().decode(JSONValue.self, from: body)) ?? .null }

    /// `error.code` of an error envelope.
    public var errorCode: String? { json["error"]?["code"]?.stringValue }
    public var errorField: String? { json["error"]?["details"]?["field"]?.stringValue }

    /// `data` decoded as the contract's type.
    public func data<T: Decodable>(_ type: T.Type) throws -> T {
        try PortalJSON.decoder().decode(Envelope<DecodableBox<T>>.self, from: body).data.value
    }
}

/// Lets `Envelope` (which wants `Codable & Sendable`) decode any `Decodable` payload.
public struct DecodableBox<T: Decodable>: Codable, @unchecked Sendable {
    public var value: T
    public init(from decoder: any Decoder) throws { value = try T(from: decoder) }
    public func encode(to encoder: any Encoder) throws {}
}

extension JSONValue {
    public var intValue: Int? {
        if case .number(let number) = self { return Int(number) }
        return nil
    }
    public var arrayValue: [JSONValue] {
        if case .array(let array) = self { return array }
        return []
    }
}
