#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A user of the portal.
public struct PortalUser: Codable, Sendable, Equatable {
    public var id: String
    public var email: String
    public var name: String
    public var tenantId: String
    public var roles: [String]
    public var lastLoginAt: Date?

    public init(id: String, email: String, name: String, tenantId: String, roles: [String], lastLoginAt: Date?) {
        self.id = id
        self.email = email
        self.name = name
        self.tenantId = tenantId
        self.roles = roles
        self.lastLoginAt = lastLoginAt
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(email, forKey: .email)
        try container.encode(name, forKey: .name)
        try container.encode(tenantId, forKey: .tenantId)
        try container.encode(roles, forKey: .roles)
        try container.encode(lastLoginAt, forKey: .lastLoginAt)
    }
}

/// A distributor using the portal.
public struct Tenant: Codable, Sendable, Equatable {
    public var id: String
    public var slug: String
    public var name: String
    /// ISO 4217 code of every amount of this tenant.
    public var currency: String
    /// IANA time-zone name.
    public var timezone: String

    public init(id: String, slug: String, name: String, currency: String, timezone: String) {
        self.id = id
        self.slug = slug
        self.name = name
        self.currency = currency
        self.timezone = timezone
    }
}

/// Body of `POST /api/portal/auth/login`.
public struct LoginRequest: Codable, Sendable {
    public var email: String
    public var password: String
    public init(email: String, password: String) {
        self.email = email
        self.password = password
    }
}

/// Answer of a successful login: `user` at the top level (clients also accept `data.user`).
public struct LoginResponse: Codable, Sendable {
    public var success: Bool
    public var user: PortalUser
    public init(user: PortalUser) {
        self.success = true
        self.user = user
    }
}

/// `data` of `POST /api/portal/auth/refresh`.
public struct RefreshPayload: Codable, Sendable, Equatable {
    public var accessTokenExpiresAt: Date
    public init(accessTokenExpiresAt: Date) { self.accessTokenExpiresAt = accessTokenExpiresAt }
}

/// `data` of `GET /api/portal/auth/me`.
public struct MePayload: Codable, Sendable, Equatable {
    public var user: PortalUser
    public var tenant: Tenant
    public var permissions: [String]
    public init(user: PortalUser, tenant: Tenant, permissions: [String]) {
        self.user = user
        self.tenant = tenant
        self.permissions = permissions
    }
}
