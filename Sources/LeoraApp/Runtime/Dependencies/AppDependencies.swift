import Foundation
import LeoraKit
import PortalAPI

/// Everything the app's effects reach outside the process, as a few small clients of closures (TCA's
/// dependencies): the live ones talk to the portal through `PortalData` and `SessionStore`; tests
/// hand in fakes and a fixed clock.
public struct AppDependencies: Sendable {
    public var now: @Sendable () -> Date
    public var sleep: @Sendable (Duration) async throws -> Void
    /// Ticks every `interval` until the consumer goes away (a list refreshing while it is shown).
    public var ticks: @Sendable (_ interval: Duration) -> AsyncStream<Void>
    /// Marks cached data stale (`R` on a pane), so its next read fetches it again.
    public var invalidate: @Sendable ([QueryResource]) async -> Void
    /// Every resource invalidated from now on (a mutation settled, `R`): the pane on show reads it again.
    public var invalidations: @Sendable () async -> AsyncStream<QueryResource>
    /// Warms the cache after login with what the panes read first (`PortalData.prefetchAfterLogin`).
    public var prefetch: @Sendable () async -> Void
    /// Returns once the first frame is drawn (or `FirstFrame.requestsWait` after the call, whichever
    /// is first): what the start does besides the pane on show waits for it.
    public var firstFrameDrawn: @Sendable () async -> Void
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
        ticks: @escaping @Sendable (Duration) -> AsyncStream<Void> = { _ in AsyncStream { $0.finish() } },
        invalidate: @escaping @Sendable ([QueryResource]) async -> Void = { _ in },
        invalidations: @escaping @Sendable () async -> AsyncStream<QueryResource> = { AsyncStream { $0.finish() } },
        prefetch: @escaping @Sendable () async -> Void = {}, firstFrameDrawn: @escaping @Sendable () async -> Void = {}, session: SessionClient, insights: InsightsClient,
        orders: OrdersClient, catalog: CatalogClient, customers: CustomersClient = CustomersClient(), cart: PortalCart,
        webhooks: WebhooksClient = WebhooksClient()
    ) {
        self.now = now
        self.sleep = sleep
        self.ticks = ticks
        self.invalidate = invalidate
        self.invalidations = invalidations
        self.prefetch = prefetch
        self.firstFrameDrawn = firstFrameDrawn
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
    /// The login prefetch waits for `firstFrame` (see `FirstFrameGate`).
    static func live(data: PortalData, keeper: QueryCacheKeeper, firstFrame: FirstFrameGate) -> AppDependencies {
        AppDependencies(
            now: { Date() },
            sleep: { try await Task.sleep(for: $0) },
            ticks: { interval in
                AsyncStream { continuation in
                    let task = Task {
                        while (try? await Task.sleep(for: interval)) != nil { continuation.yield() }
                        continuation.finish()
                    }
                    continuation.onTermination = { _ in task.cancel() }
                }
            },
            invalidate: { resources in
                for resource in resources { await data.cache.invalidate(resource.key) }
            },
            invalidations: { await data.cache.observeInvalidations().resources },
            prefetch: {
                await firstFrame.wait()
                await data.prefetchAfterLogin()
            },
            firstFrameDrawn: { await firstFrame.wait(atMost: FirstFrame.requestsWait) },
            session: .live(data: data, keeper: keeper), insights: .live(data: data), orders: .live(data: data), catalog: .live(data: data),
            customers: .live(data: data), cart: data.portalCart, webhooks: .live(session: data.session))
    }
}

extension AsyncStream where Element == QueryKey {
    /// The resources these keys name (an invalidation of everything, `[]`, names none).
    var resources: AsyncStream<QueryResource> {
        AsyncStream<QueryResource> { continuation in
            let task = Task {
                for await key in self {
                    if let resource = key.resource.flatMap(QueryResource.init(rawValue:)) { continuation.yield(resource) }
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
