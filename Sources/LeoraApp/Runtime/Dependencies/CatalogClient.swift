import LeoraKit
import PortalAPI

/// The catalogue: searches, one product, stock, and the customers the cart can be for.
public struct CatalogClient: Sendable {
    public var products: @Sendable (_ query: String?) -> Answers<[Product]>
    public var product: @Sendable (_ id: String) async throws -> Product
    public var inventory: @Sendable (_ productIds: [String]) async throws -> [Inventory]
    public var customers: @Sendable (_ query: String?) async throws -> [Customer]

    public init(
        products: @escaping @Sendable (String?) -> Answers<[Product]>, product: @escaping @Sendable (String) async throws -> Product,
        inventory: @escaping @Sendable ([String]) async throws -> [Inventory], customers: @escaping @Sendable (String?) async throws -> [Customer]
    ) {
        self.products = products
        self.product = product
        self.inventory = inventory
        self.customers = customers
    }

    /// Searches answer from the cache at once; stock and customers wait for the portal's latest.
    static func live(data: PortalData) -> CatalogClient {
        let fresh = PortalData(session: data.session, cache: data.cache, whenStale: .waitForFresh)
        return CatalogClient(
            products: { query in
                // The first page under the key the login prefetch warms (`PortalData.catalogueLimit`).
                let limit = PortalData.catalogueLimit
                return data.answers(PortalQueryKeys.products(query: query, page: 1, limit: limit)) { try await $0.products(query: query, page: 1, limit: limit) }
                    .mapped { $0.items }
            },
            product: { id in try await data.product(id: id) },
            inventory: { ids in try await fresh.inventory(productIds: ids) },
            customers: { query in try await fresh.customers(query: query, page: 1, limit: 50).items })
    }
}
