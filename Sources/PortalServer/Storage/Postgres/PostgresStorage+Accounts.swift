import Foundation
import PortalAPI

/// Accounts and sessions: before a tenant is known, these are `CrossTenant` steps (login, session).
extension PostgresStorage {
    func account(email: String) async throws -> UserAccount? {
        try await CrossTenant.account(email: email, in: pool)
    }

    func account(id: String) async throws -> UserAccount? {
        try await CrossTenant.account(id: id, in: pool)
    }

    func tenant(id: String) async throws -> Tenant? {
        do {
            return try await pool.withTenant(TenantScope(tenantId: id, userId: "")) { tenantDB in tenantDB.tenant.tenant }
        } catch let error as APIError where error == .unauthorized {
            return nil
        }
    }

    func recordLogin(userId: String, at date: Date) async throws {
        try await CrossTenant.recordLogin(userId: userId, at: date, in: pool)
    }

    /// The session's tenant is known: it is created as that tenant.
    func createSession(_ session: NewSession) async throws {
        try await pool.withTenant(TenantScope(tenantId: session.tenantId, userId: session.userId)) { tenantDB in
            try await tenantDB.execute(
                """
                INSERT INTO sessions (id, tenant_id, user_id, current_jti, created_at, expires_at)
                VALUES (:id, :tenant, :user, :jti, :created, :expires)
                """, ["id": session.id, "jti": session.currentJti, "created": session.createdAt, "expires": session.expiresAt])
        }
    }

    func liveSession(id: String, at date: Date) async throws -> LiveSession? {
        try await CrossTenant.liveSession(id: id, at: date, in: pool)
    }

    func rotateRefreshToken(
        sessionId: String, presentedJti: String, newJti: String, at date: Date, grace: TimeInterval
    ) async throws -> RefreshRotation {
        try await CrossTenant.rotateRefreshToken(sessionId: sessionId, presentedJti: presentedJti, newJti: newJti, at: date, grace: grace, in: pool)
    }

    func revokeSession(id: String, at date: Date) async throws {
        try await CrossTenant.revokeSession(id: id, at: date, in: pool)
    }
}
