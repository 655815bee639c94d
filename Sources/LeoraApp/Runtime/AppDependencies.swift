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
    public var products: @Sendable (_ query: String?) async throws -> [Product]
    public var inventory: @Sendable (_ productIds: [String]) async throws -> [Inventory]
    public var customers: @Sendable (_ query: String?) async throws -> [Customer]
    public var addToCart: @Sendable (_ product: Product, _ quantity: Int) async throws -> Cart
    public var setCartQuantity: @Sendable (_ itemId: String, _ quantity: Int) async throws -> Cart
    public var removeFromCart: @Sendable (_ itemId: String) async throws -> Cart
    public var setCartCustomer: @Sendable (_ customer: CustomerReference?) async throws -> Cart
    public var checkout: @Sendable (_ expectedVersion: Int) async throws -> Order

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
        cart: @escaping @Sendable () async throws -> Cart,
        products: @escaping @Sendable (String?) async throws -> [Product],
        inventory: @escaping @Sendable ([String]) async throws -> [Inventory],
        customers: @escaping @Sendable (String?) async throws -> [Customer],
        addToCart: @escaping @Sendable (Product, Int) async throws -> Cart,
        setCartQuantity: @escaping @Sendable (String, Int) async throws -> Cart,
        removeFromCart: @escaping @Sendable (String) async throws -> Cart,
        setCartCustomer: @escaping @Sendable (CustomerReference?) async throws -> Cart,
        checkout: @escaping @Sendable (Int) async throws -> Order
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
        self.products = products
        self.inventory = inventory
        self.customers = customers
        self.addToCart = addToCart
        self.setCartQuantity = setCartQuantity
        self.removeFromCart = removeFromCart
        self.setCartCustomer = setCartCustomer
        self.checkout = checkout
    }

    /// The real portal behind `data`.
    public static func live(data: PortalData) -> AppDependencies {
        let session = data.session
        // Nothing re-renders when a background revalidation lands, so lists that change under the rep
        // (orders after a checkout, the cart, stock) wait for the fresh answer instead of a stale one.
        let fresh = PortalData(session: data.session, cache: data.cache, whenStale: .waitForFresh)
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
                let paged = try await fresh.orders(page: page, limit: limit)
                return OrdersPageResult(orders: paged.items, page: paged.pagination.page, total: paged.pagination.total)
            },
            order: { id in try await data.order(id: id) },
            cart: { try await fresh.cart() },
            products: { query in try await fresh.products(query: query, page: 1, limit: 100).items },
            inventory: { ids in try await fresh.inventory(productIds: ids) },
            customers: { query in try await fresh.customers(query: query, page: 1, limit: 50).items },
            addToCart: { product, quantity in try await data.addToCart(product, quantity: quantity) },
            setCartQuantity: { itemId, quantity in try await data.setCartQuantity(itemId: itemId, quantity: quantity) },
            removeFromCart: { itemId in try await data.removeFromCart(itemId: itemId) },
            setCartCustomer: { customer in try await data.setCartCustomer(customer) },
            checkout: { version in try await data.checkout(expectedVersion: version) })
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
    /// The short lines of an `INSUFFICIENT_STOCK` answer.
    public var shortages: [StockShortage]

    public init(
        message: String, isOffline: Bool = false, code: String? = nil, retryAfterSeconds: Int? = nil, shortages: [StockShortage] = []
    ) {
        self.message = message
        self.isOffline = isOffline
        self.code = code
        self.retryAfterSeconds = retryAfterSeconds
        self.shortages = shortages
    }

    public init(_ error: any Error) {
        if let portal = error as? PortalError {
            self.init(message: portal.description, isOffline: portal.isOffline, code: portal.code, retryAfterSeconds: portal.retryAfterSeconds,
                shortages: portal.stockShortages)
        } else if let failure = error as? LoadFailure {
            self = failure
        } else {
            self.init(message: "Something went wrong: \(type(of: error))")
        }
    }
}
