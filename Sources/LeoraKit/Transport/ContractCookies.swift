#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI

/// The cookies a portal may keep in our jar: the contract's two, each on its contract path, of sane
/// size and lifetime. Anything else a server sets (extra cookies, a second `accessToken` on a
/// narrower path that would shadow the real one, a cookie until 2058, a megabyte value) is dropped.
enum ContractCookies {
    static let paths = [Wire.accessCookie: "/", Wire.refreshCookie: Routes.refreshCookiePath]
    static let maximumValueBytes = 4_096
    /// The refresh token lives 7 days; nothing is kept longer than this.
    static let maximumLifetime: TimeInterval = 30 * 24 * 3600

    /// What of `cookies` may stay, expiries clamped; at most one cookie per name (the last one set).
    static func kept(_ cookies: [StoredCookie], now: Date) -> [StoredCookie] {
        var byName: [String: StoredCookie] = [:]
        for var cookie in cookies {
            guard let path = paths[cookie.name], cookie.path == path, cookie.value.utf8.count <= maximumValueBytes else { continue }
            let latest = now.addingTimeInterval(maximumLifetime)
            if let expires = cookie.expires, expires > latest { cookie.expires = latest }
            byName[cookie.name] = cookie
        }
        return byName.values.sorted { $0.name < $1.name }
    }
}
