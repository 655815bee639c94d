import Foundation
import LeoraKit
import PortalAPI

/// The answers to one read as a screen receives them: the cached value at once and, when a
/// background revalidation changes it, the fresh one (see `PortalData.answers`).
public typealias Answers<Value: Sendable> = AsyncThrowingStream<Value, any Error>

extension AsyncThrowingStream where Failure == any Error {
    /// The one answer of `operation` (a read that is not cached, and tests).
    public static func single(_ operation: @escaping @Sendable () async throws -> Element) -> Self {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    continuation.yield(try await operation())
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// The same answers, each transformed.
    public func mapped<Other: Sendable>(_ transform: @escaping @Sendable (Element) -> Other) -> Answers<Other> where Element: Sendable {
        AsyncThrowingStream<Other, any Error> { continuation in
            let task = Task {
                do {
                    for try await element in self { continuation.yield(transform(element)) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

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
    /// The main screen was left (logout here or elsewhere, expiry): forget the user's cached data.
    public var sessionEnded: @Sendable () async -> Void
    /// Online or not as it changes; offline, it watches for the portal's return.
    public var connectivity: @Sendable () -> AsyncStream<Bool>
    /// Marks cached data stale (`R` on a pane), so its next read fetches it again.
    public var invalidate: @Sendable ([QueryResource]) async -> Void
    public var briefing: @Sendable () -> Answers<BriefingPayload>
    public var metrics: @Sendable () -> Answers<InsightsMetrics>
    public var health: @Sendable () async throws -> HealthReport
    public var orders: @Sendable (_ filter: OrdersFilter, _ page: Int, _ limit: Int) -> Answers<OrdersPageResult>
    public var order: @Sendable (_ id: String) -> Answers<Order>
    public var cancelOrder: @Sendable (_ id: String) async throws -> Order
    /// The cart, owned by the query cache: observed by the cart pane, changed through it.
    public var cart: PortalCart
    public var products: @Sendable (_ query: String?) -> Answers<[Product]>
    public var product: @Sendable (_ id: String) async throws -> Product
    public var inventory: @Sendable (_ productIds: [String]) async throws -> [Inventory]
    public var customers: @Sendable (_ query: String?) async throws -> [Customer]
    public var webhookSubscriptions: @Sendable () async throws -> [WebhookSubscription]
    public var webhookDeliveries: @Sendable (_ status: String?) async throws -> [WebhookDelivery]
    public var createWebhookSubscription: @Sendable (_ eventType: String, _ url: String) async throws -> WebhookSubscription
    public var deleteWebhookSubscription: @Sendable (_ id: String) async throws -> Void

    public init(
        now: @escaping @Sendable () -> Date,
        sleep: @escaping @Sendable (Duration) async throws -> Void,
        restoreSession: @escaping @Sendable () async -> SessionState,
        sessionStates: @escaping @Sendable () async -> AsyncStream<SessionState>,
        sessionFileChanged: @escaping @Sendable () async -> Void,
        maintainSession: @escaping @Sendable () async -> Void,
        login: @escaping @Sendable (String, String) async throws -> SavedSession,
        logout: @escaping @Sendable () async -> Void,
        sessionEnded: @escaping @Sendable () async -> Void = {},
        invalidate: @escaping @Sendable ([QueryResource]) async -> Void = { _ in },
        connectivity: @escaping @Sendable () -> AsyncStream<Bool> = { AsyncStream { $0.finish() } },
        briefing: @escaping @Sendable () -> Answers<BriefingPayload>,
        metrics: @escaping @Sendable () -> Answers<InsightsMetrics>,
        health: @escaping @Sendable () async throws -> HealthReport,
        orders: @escaping @Sendable (OrdersFilter, Int, Int) -> Answers<OrdersPageResult>,
        order: @escaping @Sendable (String) -> Answers<Order>,
        cancelOrder: @escaping @Sendable (String) async throws -> Order,
        cart: PortalCart,
        products: @escaping @Sendable (String?) -> Answers<[Product]>,
        product: @escaping @Sendable (String) async throws -> Product,
        inventory: @escaping @Sendable ([String]) async throws -> [Inventory],
        customers: @escaping @Sendable (String?) async throws -> [Customer],
        webhookSubscriptions: @escaping @Sendable () async throws -> [WebhookSubscription] = { [] },
        webhookDeliveries: @escaping @Sendable (String?) async throws -> [WebhookDelivery] = { _ in [] },
        createWebhookSubscription: @escaping @Sendable (String, String) async throws -> WebhookSubscription = { _, _ in
            throw LoadFailure(message: "Webhooks are not available here.")
        },
        deleteWebhookSubscription: @escaping @Sendable (String) async throws -> Void = { _ in }
    ) {
        self.now = now
        self.sleep = sleep
        self.restoreSession = restoreSession
        self.sessionStates = sessionStates
        self.sessionFileChanged = sessionFileChanged
        self.maintainSession = maintainSession
        self.login = login
        self.logout = logout
        self.sessionEnded = sessionEnded
        self.invalidate = invalidate
        self.connectivity = connectivity
        self.briefing = briefing
        self.metrics = metrics
        self.health = health
        self.orders = orders
        self.order = order
        self.cancelOrder = cancelOrder
        self.cart = cart
        self.products = products
        self.product = product
        self.inventory = inventory
        self.customers = customers
        self.webhookSubscriptions = webhookSubscriptions
        self.webhookDeliveries = webhookDeliveries
        self.createWebhookSubscription = createWebhookSubscription
        self.deleteWebhookSubscription = deleteWebhookSubscription
    }

    /// The real portal behind `data`. Screens get cached data at once and the revalidated data
    /// when it lands (the cart pane observes the cache's cart); stock and customer searches wait
    /// for the portal's latest. `keeper`
    /// loads the user's cache from disk as soon as the user is known, before any screen reads.
    public static func live(data: PortalData, keeper: QueryCacheKeeper) -> AppDependencies {
        let session = data.session
        let fresh = PortalData(session: data.session, cache: data.cache, whenStale: .waitForFresh)
        return AppDependencies(
            now: { Date() },
            sleep: { try await Task.sleep(for: $0) },
            restoreSession: {
                let restored = await session.restore()
                if case .loggedIn(let saved) = restored { await keeper.adopt(userId: saved.user.id) }
                return restored
            },
            sessionStates: { await session.states() },
            sessionFileChanged: { await session.sessionFileChanged() },
            maintainSession: { await session.maintain() },
            login: { email, password in
                let saved = try await session.login(email: email, password: password)
                await keeper.adopt(userId: saved.user.id)
                return saved
            },
            logout: { await session.logout() },
            sessionEnded: { await keeper.forget() },
            invalidate: { resources in
                for resource in resources { await data.cache.invalidate(resource.key) }
            },
            connectivity: { data.connectivity() },
            briefing: { data.answers(PortalQueryKeys.briefing) { try await $0.briefing() } },
            metrics: { data.answers(PortalQueryKeys.metrics(weeks: 12)) { try await $0.metrics(weeks: 12) } },
            health: { try await session.client.health() },
            orders: { filter, page, limit in
                let key = PortalQueryKeys.orders(status: filter.status?.rawValue, customerId: filter.customer?.id, query: filter.query, page: page, limit: limit)
                let answers = data.answers(key) { data in
                    try await data.orders(status: filter.status?.rawValue, customerId: filter.customer?.id, query: filter.query, page: page, limit: limit)
                }
                return answers.mapped { paged in OrdersPageResult(orders: paged.items, page: paged.pagination.page, total: paged.pagination.total) }
            },
            order: { id in data.answers(PortalQueryKeys.order(id)) { try await $0.order(id: id) } },
            cancelOrder: { id in try await data.cancelOrder(id: id) },
            cart: data.portalCart,
            products: { query in
                data.answers(PortalQueryKeys.products(query: query, page: 1, limit: 100)) { try await $0.products(query: query, page: 1, limit: 100) }
                    .mapped { $0.items }
            },
            product: { id in try await data.product(id: id) },
            inventory: { ids in try await fresh.inventory(productIds: ids) },
            customers: { query in try await fresh.customers(query: query, page: 1, limit: 50).items },
            // Admin data is read fresh every time, never cached.
            webhookSubscriptions: { try await session.perform { try await $0.webhookSubscriptions() } },
            webhookDeliveries: { status in try await session.perform { try await $0.webhookDeliveries(status: status, limit: 100).items } },
            createWebhookSubscription: { eventType, url in
                try await session.perform { try await $0.createWebhookSubscription(eventType: eventType, url: url) }
            },
            deleteWebhookSubscription: { id in try await session.perform { try await $0.deleteWebhookSubscription(id: id) } })
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
    /// The contract's `error.code`, as sent (a code this version does not know stays readable).
    public var code: String?
    /// The code, when it is one the contract names.
    public var errorCode: ErrorCode? { code.flatMap(ErrorCode.init) }
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
