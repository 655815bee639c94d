import Foundation
import Hummingbird

/// A development aid (`--rate-limit GET=N/s`): at most N requests of a method per client per second,
/// then `429 RATE_LIMITED` with `Retry-After: 1`.
actor RequestRateLimiter {
    let method: HTTPRequest.Method
    let perSecond: Int
    private var counts: [String: (second: Int, count: Int)] = [:]

    init(method: HTTPRequest.Method, perSecond: Int) {
        self.method = method
        self.perSecond = perSecond
    }

    func admit(address: String, now: Date) throws {
        let second = Int(now.timeIntervalSince1970)
        var entry = counts[address] ?? (second, 0)
        if entry.second != second { entry = (second, 0) }
        entry.count += 1
        counts[address] = entry
        guard entry.count <= perSecond else {
            throw APIError(.rateLimited, "Too many requests; slow down", retryAfter: 1)
        }
    }
}

/// Applies a `RequestRateLimiter` to the routes it is added to (so unknown paths still answer 404 first).
struct RequestRateLimitMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext
    let limiter: RequestRateLimiter
    let clock: PortalClock

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.method == limiter.method {
            try await limiter.admit(address: context.clientAddress, now: clock.now())
        }
        return try await next(request, context)
    }
}
