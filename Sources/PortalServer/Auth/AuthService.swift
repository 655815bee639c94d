import Foundation
import Hummingbird
import JWTKit
import Logging
import PortalAPI

/// Login, refresh rotation, logout and request authentication, as the contract's authentication section says.
struct AuthService: Sendable {
    struct Lifetimes: Sendable {
        var access: TimeInterval = 900
        var refresh: TimeInterval = 7 * 24 * 3600
        var refreshGrace: TimeInterval = 60
    }

    let storage: any PortalStorage
    let tokens: TokenService
    let hasher: PasswordHasher
    let cookies: AuthCookies
    let lifetimes: Lifetimes
    let loginLimiter: any LoginAttemptLimiter
    var clock: PortalClock { tokens.clock }

    /// A logged-in user and the cookies that carry the session.
    struct Session: Sendable {
        var user: PortalUser
        var setCookies: [String]
    }

    func login(_ credentials: LoginRequest, clientAddress: String) async throws -> Session {
        let now = clock.now()
        let email = try LoginEmail.normalised(credentials.email)
        let attempt = try await loginLimiter.reserve(email: email, address: clientAddress, now: now)
        let account = try await storage.account(email: email)
        let matches = try await hasher.verify(credentials.password, hash: account?.passwordHash ?? hasher.unknownUserHash)
        guard let account, matches else { throw APIError(.invalidCredentials, "Invalid email or password") }
        await loginLimiter.succeeded(attempt)
        let sessionId = Identifier.make("ses")
        let jti = Identifier.make("rt")
        let expiresAt = now.addingTimeInterval(lifetimes.refresh)
        try await storage.createSession(
            NewSession(id: sessionId, userId: account.id, tenantId: account.tenantId, currentJti: jti, createdAt: now, expiresAt: expiresAt))
        try await storage.recordLogin(userId: account.id, at: now)
        var user = account.portalUser
        user.lastLoginAt = now
        let access = try await accessToken(for: account, sessionId: sessionId, now: now)
        let refresh = try await refreshToken(userId: account.id, sessionId: sessionId, jti: jti, now: now, expiresAt: expiresAt)
        return Session(user: user, setCookies: [access.cookie, refresh])
    }

    /// Rotates the refresh token; returns the new access token's expiry and both cookies.
    func refresh(_ request: Request) async throws -> (expiresAt: Date, setCookies: [String]) {
        guard let token = request.cookie(named: Wire.refreshCookie) else {
            throw APIError(.unauthorized, "No refresh token")
        }
        let claims = try await tokens.verifyRefresh(token)
        let now = clock.now()
        let newJti = Identifier.make("rt")
        let rotation = try await storage.rotateRefreshToken(
            sessionId: claims.sessionId, presentedJti: claims.jti.value, newJti: newJti, at: now, grace: lifetimes.refreshGrace)
        guard case .rotated(let userId, _, let sessionExpiry) = rotation, let account = try await storage.account(id: userId) else {
            throw APIError(.unauthorized, "Session is no longer valid; log in again")
        }
        let access = try await accessToken(for: account, sessionId: claims.sessionId, now: now)
        let refresh = try await refreshToken(userId: userId, sessionId: claims.sessionId, jti: newJti, now: now, expiresAt: sessionExpiry)
        return (access.expiresAt, [access.cookie, refresh])
    }

    /// Revokes the session named by either cookie (expired or retired tokens still name it).
    func logout(_ request: Request) async throws -> [String] {
        var sessionIds: Set<String> = []
        if let token = request.cookie(named: Wire.accessCookie), let claims = try? await tokens.signedAccess(token) {
            sessionIds.insert(claims.sessionId)
        }
        if let token = request.cookie(named: Wire.refreshCookie), let claims = try? await tokens.signedRefresh(token) {
            sessionIds.insert(claims.sessionId)
        }
        for sessionId in sessionIds {
            try await storage.revokeSession(id: sessionId, at: clock.now())
        }
        return cookies.cleared
    }

    /// The caller of a request to a protected route.
    func authenticate(_ request: Request) async throws -> Identity {
        guard let token = request.cookie(named: Wire.accessCookie) else { throw APIError.unauthorized }
        let claims = try await tokens.verifyAccess(token)
        guard let session = try await storage.liveSession(id: claims.sessionId, at: clock.now()) else {
            throw APIError(.unauthorized, "Session has ended; log in again")
        }
        // The token names the session; the session, not the token, says whose it is and what they may do
        // now, so a demoted admin loses admin rights at once and a token cannot claim another tenant.
        guard session.userId == claims.userId, session.tenantId == claims.tenantId else { throw APIError.unauthorized }
        return Identity(
            userId: session.userId, tenantId: session.tenantId, sessionId: claims.sessionId, roles: session.roles,
            permissions: Set(Role.permissions(for: session.roles)))
    }

    private func accessToken(for account: UserAccount, sessionId: String, now: Date) async throws -> (cookie: String, expiresAt: Date) {
        let expiresAt = now.addingTimeInterval(lifetimes.access)
        let claims = AccessClaims(
            userId: account.id, tenantId: account.tenantId, sessionId: sessionId, roles: account.roles,
            permissions: Role.permissions(for: account.roles), iat: .init(value: now), exp: .init(value: expiresAt))
        return (cookies.access(try await tokens.sign(claims), maxAge: Int(lifetimes.access)), expiresAt)
    }

    private func refreshToken(userId: String, sessionId: String, jti: String, now: Date, expiresAt: Date) async throws -> String {
        let claims = RefreshClaims(userId: userId, sessionId: sessionId, jti: .init(value: jti), iat: .init(value: now), exp: .init(value: expiresAt))
        return cookies.refresh(try await tokens.sign(claims), maxAge: Int(expiresAt.timeIntervalSince(now)))
    }
}
