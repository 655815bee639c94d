import PortalAPI

/// One page of a customer search as the customers pane keeps it.
public struct CustomersPageResult: Sendable, Equatable {
    public var customers: [Customer]
    public var page: Int
    public var total: Int
    public init(customers: [Customer], page: Int, total: Int) {
        self.customers = customers
        self.page = page
        self.total = total
    }
}
