import Foundation
import JWTKit
import PortalAPI

/// Signs and verifies the HS256 tokens. Anything but a well-signed HS256 token is refused.
struct TokenService: Sendable {
    private let keys: JWTKeyCollection
    let clock: PortalClock

    /// `secret` must be at least 32 bytes.
    init(secret: [UInt8], clock: PortalClock) async {
        precondition(secret.count >= 32, "the JWT secret must be at least 32 bytes")
        self.keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        self.clock = clock
    }

    func sign(_ claims: some JWTPayload) async throws -> String {
        try await keys.sign(claims)
    }

    /// The access token's claims; `TOKEN_EXPIRED` past `exp`, `UNAUTHORIZED` for anything else wrong.
    func verifyAccess(_ token: String) async throws -> AccessClaims {
        let claims: AccessClaims = try await verified(token)
        try refuseFuture(issuedAt: claims.iat.value, notBefore: claims.nbf?.value)
        guard claims.exp.value > clock.now() else { throw APIError(.tokenExpired, "Access token has expired") }
        return claims
    }

    /// The refresh token's claims; any failure, expiry included, is `UNAUTHORIZED`.
    func verifyRefresh(_ token: String) async throws -> RefreshClaims {
        let claims: RefreshClaims = try await verified(token)
        try refuseFuture(issuedAt: claims.iat.value, notBefore: claims.nbf?.value)
        guard claims.exp.value > clock.now() else { throw APIError(.unauthorized, "Session has expired") }
        return claims
    }

    /// Clocks of several servers may differ a little; a token from further ahead is not ours to trust.
    static let clockSkew: TimeInterval = 30

    private func refuseFuture(issuedAt: Date, notBefore: Date?) throws {
        let latest = clock.now().addingTimeInterval(Self.clockSkew)
        guard issuedAt <= latest, (notBefore ?? issuedAt) <= latest else { throw APIError.unauthorized }
    }

    /// Claims of a well-signed access token, expired or not (logout still names its session).
    func signedAccess(_ token: String) async throws -> AccessClaims { try await verified(token) }

    /// Claims of a well-signed refresh token, expired or not.
    func signedRefresh(_ token: String) async throws -> RefreshClaims { try await verified(token) }

    private func verified<Claims: JWTPayload>(_ token: String) async throws -> Claims {
        guard Self.headerAlgorithm(of: token) == "HS256" else { throw APIError.unauthorized }
        do {
            return try await keys.verify(token, as: Claims.self)
        } catch {
            throw APIError.unauthorized
        }
    }

    /// `alg` of the token's header, read before verification so that only HS256 is ever considered.
    static func headerAlgorithm(of token: String) -> String? {
        guard let header = token.split(separator: ".", omittingEmptySubsequences: false).first,
            let data = Data(base64URLEncoded: String(header)),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return object["alg"] as? String
    }
}

extension Data {
    init?(base64URLEncoded text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }
}
