import Crypto
import Hummingbird
import PortalAPI

/// Answers for authenticated callers: `Cache-Control: private, no-cache`, `Vary: Cookie`, and on GET a
/// strong `ETag` (hash of tenant, user and body) with `304 Not Modified` when `If-None-Match` matches.
enum ConditionalResponse {
    static func make(
        _ value: some Encodable, status: HTTPResponse.Status = .ok, for request: Request, identity: Identity
    ) -> Response {
        make(bytes: JSONBody.encode(value), status: status, for: request, identity: identity)
    }

    /// Headers of every response to an authenticated request (and of the auth routes' answers).
    static let privateHeaders: HTTPFields = [.cacheControl: "private, no-cache", .vary: "Cookie"]

    static func make(bytes: ByteBuffer, status: HTTPResponse.Status, for request: Request, identity: Identity) -> Response {
        var headers = privateHeaders
        guard request.method == .get, (200..<300).contains(status.code) else {
            return JSONBody.response(bytes: bytes, status: status, headers: headers)
        }
        let tag = etag(tenantId: identity.tenantId, userId: identity.userId, body: bytes)
        headers[.eTag] = tag
        if let ifNoneMatch = request.headers[values: .ifNoneMatch].joined(separator: ",").nonEmpty,
            matches(ifNoneMatch, tag)
        {
            return Response(status: .notModified, headers: headers)
        }
        return JSONBody.response(bytes: bytes, status: status, headers: headers)
    }

    static func etag(tenantId: String, userId: String, body: ByteBuffer) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(tenantId.utf8) + [0] + Array(userId.utf8) + [0])
        body.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
        // The first 20 bytes of the digest in lower-case hex, in quotes.
        var tag: [UInt8] = [UInt8(ascii: "\"")]
        tag.reserveCapacity(42)
        for byte in hasher.finalize().prefix(20) {
            tag.append(hexDigits[Int(byte >> 4)])
            tag.append(hexDigits[Int(byte & 0x0F)])
        }
        tag.append(UInt8(ascii: "\""))
        return String(decoding: tag, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `If-None-Match` uses the weak comparison: `W/` prefixes are ignored, `*` matches anything.
    static func matches(_ header: String, _ tag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            var candidate = candidate.trimmingCharacters(in: .whitespaces)
            if candidate == "*" { return true }
            if candidate.hasPrefix("W/") { candidate.removeFirst(2) }
            return candidate == tag
        }
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
