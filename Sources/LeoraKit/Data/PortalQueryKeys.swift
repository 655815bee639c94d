/// The query keys of every portal read. The first part names the resource, which is what
/// invalidation after a mutation matches on.
public enum PortalQueryKeys {
    public static let cart: QueryKey = ["cart"]
    public static let briefing: QueryKey = ["briefing"]

    public static func orders(status: String? = nil, customerId: String? = nil, query: String? = nil, page: Int, limit: Int) -> QueryKey {
        ["orders", "list", status ?? "", customerId ?? "", query ?? "", "\(limit)", "\(page)"]
    }

    public static func order(_ id: String) -> QueryKey { ["orders", "detail", id] }

    public static func products(query: String? = nil, category: String? = nil, page: Int, limit: Int) -> QueryKey {
        ["products", "list", query ?? "", category ?? "", "\(limit)", "\(page)"]
    }

    public static func product(_ id: String) -> QueryKey { ["products", "detail", id] }
    public static func inventory(_ productIds: [String]) -> QueryKey { ["inventory", productIds.joined(separator: ",")] }

    public static func customers(query: String? = nil, page: Int, limit: Int) -> QueryKey {
        ["customers", "list", query ?? "", "\(limit)", "\(page)"]
    }

    public static func metrics(weeks: Int) -> QueryKey { ["metrics", "\(weeks)"] }
}
