import LeoraKit
import PortalAPI

/// The customer accounts: pages of a search (for the customers pane) and one customer by id (a
/// briefing's link). Cached: each read answers at once and again when the portal's is newer.
public struct CustomersClient: Sendable {
    public var page: @Sendable (_ query: String?, _ page: Int, _ limit: Int) -> Answers<CustomersPageResult>
    public var customer: @Sendable (_ id: String) -> Answers<Customer>

    public init(
        page: @escaping @Sendable (String?, Int, Int) -> Answers<CustomersPageResult> = { _, page, _ in
            .single { CustomersPageResult(customers: [], page: page, total: 0) }
        },
        customer: @escaping @Sendable (String) -> Answers<Customer> = { _ in .single { throw LoadFailure(message: "Not found.", code: "NOT_FOUND") } }
    ) {
        self.page = page
        self.customer = customer
    }

    static func live(data: PortalData) -> CustomersClient {
        CustomersClient(
            page: { query, page, limit in
                data.answers(PortalQueryKeys.customers(query: query, page: page, limit: limit)) { try await $0.customers(query: query, page: page, limit: limit) }
                    .mapped { CustomersPageResult(customers: $0.items, page: $0.pagination.page, total: $0.pagination.total) }
            },
            customer: { id in data.answers(PortalQueryKeys.customer(id)) { try await $0.customer(id: id) } })
    }
}
