import PortalAPI

/// What the orders list is narrowed to: a status, one customer, and the server-side search `q`
/// (order number or customer name). Empty means every order.
public struct OrdersFilter: Sendable, Equatable {
    public static let statuses = ["pending", "confirmed", "shipped", "delivered", "cancelled"]

    public var status: String?
    public var customer: CustomerReference?
    public var query: String?

    public init(status: String? = nil, customer: CustomerReference? = nil, query: String? = nil) {
        self.status = status
        self.customer = customer
        self.query = query
    }

    /// Whether both ask the portal for the same orders (a customer's name may be learnt later).
    public func matches(_ other: OrdersFilter) -> Bool {
        status == other.status && customer?.id == other.customer?.id && query == other.query
    }

    public var isEmpty: Bool { status == nil && customer == nil && query == nil }

    /// The next status in `s`'s cycle: all → pending → … → cancelled → all.
    public var nextStatus: String? {
        guard let status, let index = Self.statuses.firstIndex(of: status) else { return Self.statuses.first }
        return index + 1 < Self.statuses.count ? Self.statuses[index + 1] : nil
    }

    /// "pending · Zürich Weinstube · “NW-10”", or nil when unfiltered.
    public var summary: String? {
        let parts = [status, customer.map { $0.name.isEmpty ? "one customer" : $0.name }, query.map { "“\($0)”" }].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }
}
