import PortalAPI

/// What the orders list is narrowed to: a status, one customer, and the server-side search `q`
/// (order number or customer name). Empty means every order.
public struct OrdersFilter: Sendable, Equatable {
    public var status: OrderStatus?
    public var customer: CustomerReference?
    public var query: String?

    public init(status: OrderStatus? = nil, customer: CustomerReference? = nil, query: String? = nil) {
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
    public var nextStatus: OrderStatus? {
        let statuses = OrderStatus.allCases
        guard let status, let index = statuses.firstIndex(of: status) else { return statuses.first }
        return index + 1 < statuses.count ? statuses[index + 1] : nil
    }

    /// Whether anything narrows the list (`summary` is not nil), asked at every move of the selection.
    public var isNarrowed: Bool { status != nil || customer != nil || query != nil }

    /// "pending · Zürich Weinstube · “NW-10”", or nil when unfiltered.
    public var summary: String? {
        guard isNarrowed else { return nil }
        let parts = [status?.rawValue, customer.map { $0.name.isEmpty ? "one customer" : $0.name }, query.map { "“\($0)”" }].compactMap { $0 }
        return parts.joined(separator: " · ")
    }
}
