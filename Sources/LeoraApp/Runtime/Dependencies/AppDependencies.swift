import Foundation
import LeoraKit
import PortalAPI

/// Everything the app's effects reach outside the process, as a few small clients of closures (TCA's
/// dependencies): the live ones talk to the portal through `PortalData` and `SessionStore`; tests
/// hand in fakes and a fixed clock.
public struct AppDependencies: Sendable {
    public var now: @Sendable () -> Date
    public var sleep: @Sendable (Duration) async throws -> Void
    /// Marks cached data stale (`R` on a pane), so its next read fetches it again.
    public var invalidate: @Sendable ([QueryResource]) async -> Void
    public var session: SessionClient
    public var insights: InsightsClient
    public var orders: OrdersClient
    public var catalog: CatalogClient
    public var customers: CustomersClient
    /// The cart, owned by the query cache: observed by the cart pane, changed through it.
    public var cart: PortalCart
    public var webhooks: WebhooksClient

    public init(
        now: @escaping @Sendable () -> Date, sleep: @escaping @Sendable (Duration) async throws -> Void,
        invalidate: @escaping @Sendable ([QueryResource]) async -> Void = { _ in }, session: SessionClient, insights: InsightsClient,
        orders: OrdersClient, catalog: CatalogClient, customers: CustomersClient = CustomersClient(), cart: PortalCart,
        webhooks: WebhooksClient = WebhooksClient()
    ) {
        self.now = now
        self.sleep = sleep
        self.invalidate = invalidate
        self.session = session
        self.insights = insights
        self.orders = orders
        self.catalog = catalog
        self.customers = customers
        self.cart = cart
        self.webhooks = webhooks
    }

    /// The real portal behind `data`. Screens get cached data at once and the revalidated data
    /// when it lands (the cart pane observes the cache's cart); stock and customer searches wait
    /// for the portal's latest. `keeper` loads the user's cache from disk as soon as the user is
    /// known, before any screen reads.
    public static func live(data: PortalData, keeper: QueryCacheKeeper) -> AppDependencies {
        AppDependencies(
            now: { Date() },
            sleep: { try await Task.sleep(for: $0) },
            invalidate: { resources in
                for resource in resources { await data.cache.invalidate(resource.key) }
            },
            session: .live(data: data, keeper: keeper), insights: .live(data: data), orders: .live(data: data), catalog: .live(data: data),
            customers: .live(data: data), cart: data.portalCart, webhooks: .live(session: data.session))
    }
}
