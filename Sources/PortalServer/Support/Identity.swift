import PortalAPI

/// Who is calling, read from a verified access token whose session is live.
struct Identity: Sendable, Equatable {
    var userId: String
    var tenantId: String
    var sessionId: String
    var roles: [String]
    var permissions: Set<String>

    /// The tenant and user every storage call is scoped to.
    var scope: TenantScope { TenantScope(tenantId: tenantId, userId: userId) }

    func require(_ needed: Permission...) throws {
        for permission in needed where !permissions.contains(permission.rawValue) {
            throw APIError.forbidden
        }
    }
}

/// The tenant and user a storage call acts for. Storage applies it; handlers never filter by tenant themselves.
struct TenantScope: Sendable, Hashable {
    var tenantId: String
    var userId: String
}
