import JWTKit

/// Claims of the access token, as the contract lists them.
struct AccessClaims: JWTPayload, Equatable {
    var userId: String
    var tenantId: String
    var sessionId: String
    var roles: [String]
    var permissions: [String]
    var iat: IssuedAtClaim
    var exp: ExpirationClaim
    /// Never set by this server; a token that carries one in the future is refused.
    var nbf: NotBeforeClaim?

    /// Expiry is checked by `TokenService` against the server's clock, to tell `TOKEN_EXPIRED` apart.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// Claims of the refresh token.
struct RefreshClaims: JWTPayload, Equatable {
    var userId: String
    var sessionId: String
    var jti: IDClaim
    var iat: IssuedAtClaim
    var exp: ExpirationClaim
    var nbf: NotBeforeClaim?

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
