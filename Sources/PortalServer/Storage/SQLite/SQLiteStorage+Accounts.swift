import Foundation
import GRDB
import PortalAPI

extension SQLiteStorage {
    func account(email: String) async throws -> UserAccount? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM users WHERE email = ?", arguments: [email.lowercased()]).map(UserAccount.init(row:))
        }
    }

    func account(id: String) async throws -> UserAccount? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM users WHERE id = ?", arguments: [id]).map(UserAccount.init(row:))
        }
    }

    func tenant(id: String) async throws -> Tenant? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT \(TenantRow.columns) FROM tenants WHERE id = ?", arguments: [id]).map { TenantRow(row: $0).tenant }
        }
    }

    func recordLogin(userId: String, at date: Date) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE users SET last_login_at = ? WHERE id = ?", arguments: [date, userId])
        }
    }

    func createSession(_ session: NewSession) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO sessions (id, tenant_id, user_id, current_jti, created_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [session.id, session.tenantId, session.userId, session.currentJti, session.createdAt, session.expiresAt])
        }
    }

    func liveSession(id: String, at date: Date) async throws -> LiveSession? {
        try await writer.read { db in
            // Every authenticated request asks: a statement prepared once per connection, read by column index.
            let statement = try db.cachedStatement(
                sql: """
                    SELECT sessions.user_id, sessions.tenant_id, users.roles FROM sessions
                    JOIN users ON users.id = sessions.user_id AND users.tenant_id = sessions.tenant_id
                    WHERE sessions.id = ? AND sessions.revoked_at IS NULL AND sessions.expires_at > ?
                    """)
            return try Row.fetchOne(statement, arguments: [id, date]).map { row in
                let rolesJSON: String = row[2]
                return LiveSession(
                    userId: row[0], tenantId: row[1],
                    roles: (try? JSONDecoder().decode([String].self, from: Data(rolesJSON.utf8))) ?? [])
            }
        }
    }

    func rotateRefreshToken(
        sessionId: String, presentedJti: String, newJti: String, at date: Date, grace: TimeInterval
    ) async throws -> RefreshRotation {
        try await writer.write { db in
            guard let session = try Row.fetchOne(db, sql: "SELECT * FROM sessions WHERE id = ?", arguments: [sessionId]) else {
                return .rejected
            }
            let revokedAt: Date? = session["revoked_at"]
            let expiresAt: Date = session["expires_at"]
            guard revokedAt == nil, expiresAt > date else { return .rejected }
            let currentJti: String = session["current_jti"]
            let retiredAt = try Date.fetchOne(
                db, sql: "SELECT retired_at FROM retired_refresh_tokens WHERE jti = ? AND session_id = ?",
                arguments: [presentedJti, sessionId])
            let acceptable = presentedJti == currentJti || retiredAt.map { date.timeIntervalSince($0) <= grace } == true
            guard acceptable else {
                try db.execute(sql: "UPDATE sessions SET revoked_at = ? WHERE id = ?", arguments: [date, sessionId])
                return .rejected
            }
            try db.execute(
                sql: "INSERT OR REPLACE INTO retired_refresh_tokens (jti, session_id, retired_at) VALUES (?, ?, ?)",
                arguments: [currentJti, sessionId, date])
            try db.execute(sql: "UPDATE sessions SET current_jti = ? WHERE id = ?", arguments: [newJti, sessionId])
            return .rotated(userId: session["user_id"], tenantId: session["tenant_id"], expiresAt: expiresAt)
        }
    }

    func revokeSession(id: String, at date: Date) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", arguments: [date, id])
        }
    }
}

extension UserAccount {
    init(row: Row) {
        let rolesJSON: String = row["roles"]
        self.init(
            id: row["id"], tenantId: row["tenant_id"], email: row["email"], name: row["name"],
            roles: (try? JSONDecoder().decode([String].self, from: Data(rolesJSON.utf8))) ?? [],
            passwordHash: row["password_hash"], lastLoginAt: row["last_login_at"])
    }
}
