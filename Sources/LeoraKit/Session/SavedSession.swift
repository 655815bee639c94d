#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI

/// What the session file keeps (the browser's localStorage): the cookie engine's cookies, the user,
/// the tenant and the permissions.
public struct SavedSession: Codable, Sendable, Equatable {
    public static let currentVersion = 1

    public var version: Int
    public var server: String
    public var cookies: [StoredCookie]
    public var user: PortalUser
    public var tenant: Tenant?
    public var permissions: [String]
    public var savedAt: Date

    public init(server: String, cookies: [StoredCookie], user: PortalUser, tenant: Tenant?, permissions: [String], savedAt: Date) {
        self.version = Self.currentVersion
        self.server = server
        self.cookies = cookies
        self.user = user
        self.tenant = tenant
        self.permissions = permissions
        self.savedAt = savedAt
    }

    /// The refresh cookie's value: which rotation of the session this file holds.
    public var refreshToken: String? { cookies.first { $0.name == Wire.refreshCookie }?.value }
}
