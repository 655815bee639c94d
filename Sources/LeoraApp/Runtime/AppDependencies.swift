import Foundation
import LeoraKit
import PortalAPI

/// Everything the app's effects reach outside the process, as closures: the live values talk to the
/// portal through `PortalData` and `SessionStore`; tests hand in fakes and a fixed clock.
public struct AppDependencies: Sendable {
    public var now: @Sendable () -> Date
    public var sleep: @Sendable (Duration) async throws -> Void
    public var restoreSession: @Sendable () async -> SessionState
    public var sessionStates: @Sendable () async -> AsyncStream<SessionState>
    public var sessionFileChanged: @Sendable () async -> Void
    public var maintainSession: @Sendable () async -> Void
    public var login: @Sendable (_ email: String, _ password: String) async throws -> SavedSession
    public var logout: @Sendable () async -> Void
    public var briefing: @Sendable () async throws -> BriefingPayload
    public var health: @Sendable () async throws -> HealthReport
    public var orders: @Sendable (_ page: Int, _ limit: Int) async throws -> OrdersPageResult
    public var order: @Sendable (_ id: String) async throws -> Order
    public var cart: @Sendable () async throws -> Cart

    public init(
        now: @escaping @Sendable () -> Date,
        sleep: @escaping @Sendable (Duration) async throws -> Void,
        restoreSession: @escaping @Sendable () async -> SessionState,
        sessionStates: @escaping @Sendable () async -> AsyncStream<SessionState>,
        sessionFileChanged: @escaping @Sendable () async -> Void,
        maintainSession: @escaping @Sendable () async -> Void,
        login: @escaping @Sendable (String, String) async throws -> SavedSession,
        logout: @escaping @Sendable () async -> Void,
        briefing: @escaping @Sendable () async throws -> BriefingPayload,
        health: @escaping @Sendable () async throws -> HealthReport,
        orders: @escaping @Sendable (Int, Int) async throws -> OrdersPageResult,
        order: @escaping @Sendable (String) async throws -> Order,
        cart: @escaping @Sendable () async throws -> Cart
    ) {
        self.now = now
        self.sleep = sleep
        self.restoreSession = restoreSession
        self.sessionStates = sessionStates
        self.sessionFileChanged = sessionFileChanged
        self.maintainSession = maintainSession
        self.login = login
        self.logout = logout
        self.briefing = briefing
        self.health = health
        self.orders = orders
        self.order = order
        self.cart = cart
    }

    /// The real portal behind `data`.
    public static func live(data: PortalData) -> AppDependencies {
        let session = data.session
        return AppDependencies(
            now: { Date() },
            sleep: { try await Task.sleep(for: $0) },
            restoreSession: { await session.restore() },
            sessionStates: { await session.states() },
            sessionFileChanged: { await session.sessionFileChanged() },
            maintainSession: { await session.maintain() },
            login: { email, password in try await session.login(email: email, password: password) },
            logout: { await session.logout() },
            briefing: { try await data.briefing() },
            health: { try await session.client.health() },
            orders: { page, limit in
                let paged = try await data.orders(page: page, limit: limit)
                return OrdersPageResult(orders: paged.items, page: paged.pagination.page, total: paged.pagination.total)
            },
            order: { id in try await data.order(id: id) },
            cart: { try await data.cart() })
    }
}

/// One page of orders as the orders screen keeps it.
public struct OrdersPageResult: Sendable, Equatable {
    public var orders: [Order]
    public var page: Int
    public var total: Int
    public init(orders: [Order], page: Int, total: Int) {
        self.orders = orders
        self.page = page
        self.total = total
    }
}

/// A failed load or action, as the screens show it: the user-facing sentence and whether the portal
/// was unreachable (which turns the status bar's badge to offline).
public struct LoadFailure: Error, Sendable, Equatable {
    public var message: String
    public var isOffline: Bool
    public var code: String?
    public var retryAfterSeconds: Int?

    public init(message: String, isOffline: Bool = false, code: String? = nil, retryAfterSeconds: Int? = nil) {
        self.message = message
        self.isOffline = isOffline
        self.code = code
        self.retryAfterSeconds = retryAfterSeconds
    }

    public init(_ error: any Error) {
        if let portal = error as? PortalError {
            self.init(message: portal.description, isOffline: portal.isOffline, code: portal.code, retryAfterSeconds: portal.retryAfterSeconds)
        } else if let failure = error as? LoadFailure {
            self = failure
        } else {
            self.init(message: "Something went wrong: \(type(of: error))")
        }
    }
}
