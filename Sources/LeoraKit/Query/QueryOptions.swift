/// How long a query's data stays fresh and how long an unobserved entry is kept.
///
/// The classes come from the platform document: static data (products, settings),
/// dynamic data (orders, cart, customers) and real-time data (inventory). A single entry
/// can override its stale deadline (the briefing is fresh until its `expiresAt`) by
/// returning `staleAt` from its fetcher or passing it to `setQueryData`.
public struct QueryOptions: Sendable, Hashable {
    /// Time after a successful fetch during which cached data is served without refetching.
    public var staleTime: Duration
    /// Time an entry with no observers is kept before it is garbage-collected.
    public var gcTime: Duration

    public init(staleTime: Duration, gcTime: Duration) {
        self.staleTime = staleTime
        self.gcTime = gcTime
    }

    /// Products, settings: stale after 10 minutes, collected 15 minutes after the last observer left.
    public static let staticData = QueryOptions(staleTime: .seconds(10 * 60), gcTime: .seconds(15 * 60))
    /// Orders, cart, customers, briefing, metrics: 1 minute / 5 minutes.
    public static let dynamic = QueryOptions(staleTime: .seconds(60), gcTime: .seconds(5 * 60))
    /// Inventory: 5 seconds / 30 seconds.
    public static let realTime = QueryOptions(staleTime: .seconds(5), gcTime: .seconds(30))

    /// The class of a key, chosen by its first part (the resource). Unknown resources are dynamic.
    public static func forKey(_ key: QueryKey) -> QueryOptions {
        switch key.resource {
        case QueryResource.products.rawValue, QueryResource.settings.rawValue: .staticData
        case QueryResource.inventory.rawValue: .realTime
        default: .dynamic
        }
    }
}
