import PortalAPI

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
