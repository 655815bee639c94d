import Hummingbird
import PortalAPI

/// Products, inventory and customers.
struct CatalogController {
    let storage: any PortalStorage

    func addRoutes(to group: RouterGroup<PortalRequestContext>) {
        group.get(RouterPath(Routes.products)) { request, context in
            let identity = try context.requireIdentity()
            try identity.require(.productsRead)
            let query = ProductQuery(list: try ListQuery.parse(request, defaultLimit: 50), text: try request.query("q"), category: try request.query("category"))
            let page = try await storage.products(identity.scope, query)
            return ConditionalResponse.make(
                Envelope(data: ProductsPage(products: page.rows), meta: query.list.meta(total: page.total)), for: request, identity: identity)
        }
        group.get(RouterPath(Routes.product(Routes.idParameter))) { request, context in
            let identity = try context.requireIdentity()
            try identity.require(.productsRead)
            guard let product = try await storage.product(identity.scope, id: try context.parameters.requireText("id")) else {
                throw APIError.notFound("Product")
            }
            return ConditionalResponse.make(Envelope(data: ProductPayload(product: product)), for: request, identity: identity)
        }
        group.get(RouterPath(Routes.inventory)) { request, context in
            let identity = try context.requireIdentity()
            try identity.require(.productsRead)
            let ids = (try request.query("productIds") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            var distinct: [String] = []
            for id in ids where !distinct.contains(id) { distinct.append(id) }
            guard !distinct.isEmpty else { throw APIError.validation(field: "productIds", "productIds is required") }
            guard distinct.count <= 100 else { throw APIError.validation(field: "productIds", "At most 100 productIds") }
            let inventory = try await storage.inventory(identity.scope, productIds: distinct)
            return ConditionalResponse.make(Envelope(data: InventoryList(inventory: inventory)), for: request, identity: identity)
        }
        group.get(RouterPath(Routes.customers)) { request, context in
            let identity = try context.requireIdentity()
            try identity.require(.customersRead)
            let query = CustomerQuery(list: try ListQuery.parse(request, defaultLimit: 50), text: try request.query("q"))
            let page = try await storage.customers(identity.scope, query)
            return ConditionalResponse.make(
                Envelope(data: CustomersPage(customers: page.rows), meta: query.list.meta(total: page.total)), for: request, identity: identity)
        }
        group.get(RouterPath(Routes.customer(Routes.idParameter))) { request, context in
            let identity = try context.requireIdentity()
            try identity.require(.customersRead)
            guard let customer = try await storage.customer(identity.scope, id: try context.parameters.requireText("id")) else {
                throw APIError.notFound("Customer")
            }
            return ConditionalResponse.make(Envelope(data: CustomerPayload(customer: customer)), for: request, identity: identity)
        }
    }
}

extension ListQuery {
    func meta(total: Int) -> Meta {
        Meta(pagination: Pagination(page: page, limit: limit, total: total))
    }
}
