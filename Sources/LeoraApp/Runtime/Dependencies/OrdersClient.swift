import LeoraKit
import PortalAPI

/// Pages of orders for a filter, one order, and cancelling one.
public struct OrdersClient: Sendable {
    public var page: @Sendable (_ filter: OrdersFilter, _ page: Int, _ limit: Int) -> Answers<OrdersPageResult>
    /// While that page's fetch waits to try again (a 429, a 502), why and until when; nil otherwise.
    public var pageRetries: @Sendable (_ filter: OrdersFilter, _ page: Int, _ limit: Int) -> AsyncStream<RetryNotice?>
    public var order: @Sendable (_ id: String) -> Answers<Order>
    public var cancel: @Sendable (_ id: String) async throws -> Order

    public init(
        page: @escaping @Sendable (OrdersFilter, Int, Int) -> Answers<OrdersPageResult>,
        pageRetries: @escaping @Sendable (OrdersFilter, Int, Int) -> AsyncStream<RetryNotice?> = { _, _, _ in AsyncStream { $0.finish() } },
        order: @escaping @Sendable (String) -> Answers<Order>, cancel: @escaping @Sendable (String) async throws -> Order
    ) {
        self.page = page
        self.pageRetries = pageRetries
        self.order = order
        self.cancel = cancel
    }

    static func live(data: PortalData) -> OrdersClient {
        OrdersClient(
            page: { filter, page, limit in
                let status = filter.status?.rawValue
                let key = PortalQueryKeys.orders(status: status, customerId: filter.customer?.id, query: filter.query, page: page, limit: limit)
                let answers = data.answers(key) { data in
                    try await data.orders(status: status, customerId: filter.customer?.id, query: filter.query, page: page, limit: limit)
                }
                return answers.mapped { paged in OrdersPageResult(orders: paged.items, page: paged.pagination.page, total: paged.pagination.total) }
            },
            pageRetries: { filter, page, limit in
                let key = PortalQueryKeys.orders(status: filter.status?.rawValue, customerId: filter.customer?.id, query: filter.query, page: page, limit: limit)
                return RetryNotice.notices(data.cache, key, as: Paged<Order>.self)
            },
            order: { id in data.answers(PortalQueryKeys.order(id)) { try await $0.order(id: id) } },
            cancel: { id in try await data.cancelOrder(id: id) })
    }
}
