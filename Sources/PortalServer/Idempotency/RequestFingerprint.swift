import Crypto
import Foundation
import PortalAPI

/// SHA-256 of a request's method, path and canonical JSON body (keys sorted, no insignificant
/// whitespace; no body is `{}`).
enum RequestFingerprint {
    private static let canonicalEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func make(method: String, path: String, body: Data?) throws -> String {
        let json = try body.map { try JSONDecoder().decode(JSONValue.self, from: $0) } ?? .object([:])
        let canonical = try canonicalEncoder.encode(json)
        var hasher = SHA256()
        hasher.update(data: Data("\(method) \(path)\n".utf8))
        hasher.update(data: canonical)
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
