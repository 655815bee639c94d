#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI

/// The portal's data as the UI and scripts read and change it: every read goes through the query
/// cache (stale-while-revalidate, ETags, retries) and every call through the session (refresh and
/// retry); cart changes are optimistic and roll back on failure; checkout, orders and cancels carry
/// an idempotency key reused by their retries.
public struct PortalData: Sendable {
    public let session: SessionStore
    public let cache: QueryClient
    public var retry = IdempotentRetry()
    /// Reads answer stale data at once and revalidate (the UI), or wait for the latest (scripts).
    public var whenStale: QueryClient.StalePolicy

    /// The offline cart queue of the user logged in, in the session file's directory.
    public let cartQueue: CartQueue
    /// Where quick presses on a cart line wait to be sent as one request.
    public let cartHold: CartQuantityHold

    public init(session: SessionStore, cache: QueryClient, whenStale: QueryClient.StalePolicy = .serveAndRevalidate, cartQueue: CartQueue? = nil) {
        self.session = session
        self.cache = cache
        self.whenStale = whenStale
        self.cartQueue = cartQueue ?? CartQueue(directory: session.file.directory, cache: cache) { await session.state.session?.user.id }
        cartHold = CartQuantityHold(clock: cache.clock)
    }

    // MARK: Reads

    public func orders(status: String? = nil, customerId: String? = nil, query: String? = nil, page: Int = 1, limit: Int = 20)
        async throws -> Paged<Order>
    {
        try await cache.fetch(
            PortalQueryKeys.orders(status: status, customerId: customerId, query: query, page: page, limit: limit), as: Paged<Order>.self, whenStale: whenStale,
            fetcher: fetcher { client, etag in
                try await client.orders(page: page, limit: limit, status: status, customerId: customerId, query: query, etag: etag)
            })
    }

    public func order(id: String) async throws -> Order {
        try await cache.fetch(PortalQueryKeys.order(id), as: Order.self, whenStale: whenStale, fetcher: fetcher { client, etag in try await client.order(id: id, etag: etag) })
    }

    public func products(query: String? = nil, category: String? = nil, page: Int = 1, limit: Int = 50) async throws -> Paged<Product> {
        try await cache.fetch(
            PortalQueryKeys.products(query: query, category: category, page: page, limit: limit), as: Paged<Product>.self, whenStale: whenStale,
            fetcher: fetcher { client, etag in try await client.products(page: page, limit: limit, query: query, category: category, etag: etag) })
    }

    public func inventory(productIds: [String]) async throws -> [Inventory] {
        try await cache.fetch(
            PortalQueryKeys.inventory(productIds), as: [Inventory].self, whenStale: whenStale,
            fetcher: fetcher { client, etag in try await client.inventory(productIds: productIds, etag: etag) })
    }

    public func customers(query: String? = nil, page: Int = 1, limit: Int = 50) async throws -> Paged<Customer> {
        try await cache.fetch(
            PortalQueryKeys.customers(query: query, page: page, limit: limit), as: Paged<Customer>.self, whenStale: whenStale,
            fetcher: fetcher { client, etag in try await client.customers(page: page, limit: limit, query: query, etag: etag) })
    }

    public func customer(id: String) async throws -> Customer {
        try await cache.fetch(
            PortalQueryKeys.customer(id), as: Customer.self, whenStale: whenStale, fetcher: fetcher { client, etag in try await client.customer(id: id, etag: etag) })
    }

    public func cart() async throws -> Cart {
        try await portalCart.read(whenStale: whenStale)
    }

    /// The cart and its changes, owned by the cache.
    public var portalCart: PortalCart { PortalCart(cache: cache, requests: .portal(session, retry: retry), journal: .file(session), queue: cartQueue, hold: cartHold) }

    /// The briefing stays fresh until its `expiresAt`.
    public func briefing() async throws -> BriefingPayload {
        try await cache.fetch(
            PortalQueryKeys.briefing, as: BriefingPayload.self, whenStale: whenStale,
            fetcher: fetcher({ client, etag in try await client.briefing(etag: etag) }, staleAt: { $0.expiresAt }))
    }

    public func product(id: String) async throws -> Product {
        try await cache.fetch(
            PortalQueryKeys.product(id), as: Product.self, whenStale: whenStale, fetcher: fetcher { client, etag in try await client.product(id: id, etag: etag) })
    }

    /// Health scores, pace and weekly revenue over the last `weeks` weeks up to now.
    public func metrics(weeks: Int = 12) async throws -> InsightsMetrics {
        let end = cache.clock.now
        let start = end.addingTimeInterval(-Double(weeks) * 7 * 86_400)
        return try await cache.fetch(
            PortalQueryKeys.metrics(weeks: weeks), as: InsightsMetrics.self, whenStale: whenStale,
            fetcher: fetcher { client, etag in try await client.metrics(start: start, end: end, etag: etag) })
    }

    /// The catalogue's first page as the products pane reads it (no search): the key the login
    /// prefetch warms.
    public static let catalogueLimit = 100

    /// Products are prefetched after login, under the products pane's own key (`catalogueLimit`),
    /// so the first visit to the catalogue costs no request. Never throws.
    public func prefetchAfterLogin() async {
        let serving = PortalData(session: session, cache: cache, whenStale: .serveAndRevalidate)
        _ = try? await serving.products(page: 1, limit: Self.catalogueLimit)
    }

    // MARK: Cart changes (optimistic, serial, never retried; see PortalCart)

    public func addToCart(_ product: Product, quantity: Int) async throws -> Cart {
        try await portalCart.add(product, quantity: quantity)
    }

    /// Sets the line's absolute quantity (0 removes it), so a repeated request never adds twice.
    public func setCartQuantity(itemId: String, quantity: Int) async throws -> Cart {
        try await portalCart.setQuantity(itemId: itemId, quantity: quantity)
    }

    public func removeFromCart(itemId: String) async throws -> Cart {
        try await portalCart.remove(itemId: itemId)
    }

    public func setCartCustomer(_ customer: CustomerReference?) async throws -> Cart {
        try await portalCart.setCustomer(customer)
    }

    // MARK: Orders (idempotent, retried with one key per attempt)

    /// Checks out the cart the user confirmed (`expectedVersion`), after any queued cart change has settled.
    public func checkout(expectedVersion: Int, notes: String? = nil) async throws -> Order {
        try await portalCart.checkout(expectedVersion: expectedVersion, notes: notes)
    }

    public func cancelOrder(id: String) async throws -> Order {
        let session = self.session
        let retry = self.retry
        return try await cache.mutate(
            Mutation(
                invalidates: Invalidation.keys(for: .orderCancelled),
                confirmedWrites: { order in [.set(PortalQueryKeys.order(order.id), to: order)] },
                perform: {
                    try await retry.run { key in
                        try await session.perform { client in try await client.cancelOrder(id: id, idempotencyKey: key) }
                    }
                }))
    }

    // MARK: Plumbing

    /// A cache fetcher from a conditional portal call made through the session.
    func fetcher<Value: Sendable>(
        _ call: @escaping @Sendable (PortalClient, String?) async throws -> Fetched<Value>,
        staleAt: (@Sendable (Value) -> Date?)? = nil
    ) -> QueryFetcher<Value> {
        let session = self.session
        return { context in
            switch try await session.perform({ client in try await call(client, context.etag) }) {
            case .modified(let value, let etag): .modified(value, etag: etag, staleAt: staleAt?(value))
            case .notModified: .notModified
            }
        }
    }
}
