/// The query keys of every portal read. The first part names the resource, which is what
/// invalidation after a mutation matches on.
public enum PortalQueryKeys {
    public static let cart: QueryKey = [QueryResource.cart.rawValue]
    public static let briefing: QueryKey = [QueryResource.briefing.rawValue]

    public static func orders(status: String? = nil, customerId: String? = nil, query: String? = nil, page: Int, limit: Int) -> QueryKey {
        [QueryResource.orders.rawValue, "list", status ?? "", customerId ?? "", query ?? "", "\(limit)", "\(page)"]
    }

    public static func order(_ id: String) -> QueryKey { [QueryResource.orders.rawValue, "detail", id] }

    public static func products(query: String? = nil, category: String? = nil, page: Int, limit: Int) -> QueryKey {
        [QueryResource.products.rawValue, "list", query ?? "", category ?? "", "\(limit)", "\(page)"]
    }

    public static func product(_ id: String) -> QueryKey { [QueryResource.products.rawValue, "detail", id] }
    public static func inventory(_ productIds: [String]) -> QueryKey { [QueryResource.inventory.rawValue, productIds.joined(separator: ",")] }

    public static func customers(query: String? = nil, page: Int, limit: Int) -> QueryKey {
        [QueryResource.customers.rawValue, "list", query ?? "", "\(limit)", "\(page)"]
    }

    public static func customer(_ id: String) -> QueryKey { [QueryResource.customers.rawValue, "detail", id] }

    public static func metrics(weeks: Int) -> QueryKey { [QueryResource.metrics.rawValue, "\(weeks)"] }
}
