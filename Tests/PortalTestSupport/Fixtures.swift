import Foundation
import PortalAPI
import Testing

/// Reads of the demo data that tests build on.
extension TestClient {
    /// Active products with at least `minimum` available, in the contract's order.
    public func productsInStock(minimum: Int = 1) async throws -> [Product] {
        try await get("\(Routes.products)?limit=100").data(ProductsPage.self).products
            .filter { $0.active && $0.inventory.available >= minimum }
    }

    public func firstCustomer() async throws -> Customer {
        try #require(try await get(Routes.customers).data(CustomersPage.self).customers.first)
    }

    public func currentCart() async throws -> Cart {
        try await get(Routes.cart).data(CartPayload.self).cart
    }

    public func placeOrder(customerId: String, lines: [(String, Int)], key: String = UUID().uuidString) async throws -> TestResponse {
        let body: JSONValue = [
            "customerId": .string(customerId),
            "lines": .array(lines.map { ["productId": .string($0.0), "quantity": .number(Double($0.1))] }),
        ]
        return try await post(Routes.orders, json: body, headers: [("Idempotency-Key", key)])
    }

    public func checkout(key: String = UUID().uuidString, body: JSONValue? = nil) async throws -> TestResponse {
        try await post(Routes.checkout, json: body, headers: [("Idempotency-Key", key)])
    }

    /// Fills the cart with `quantity` of `productId` for `customerId`.
    public func fillCart(productId: String, quantity: Int, customerId: String) async throws {
        let added = try await post(Routes.cartItems, json: ["productId": .string(productId), "quantity": .number(Double(quantity))])
        guard added.status == 201 else { throw TestFailure("add to cart: \(added.status) \(added.text)") }
        let chosen = try await send("PUT", Routes.cartCustomer, body: TestClient.encode(["customerId": .string(customerId)]))
        guard chosen.status == 200 else { throw TestFailure("choose customer: \(chosen.status) \(chosen.text)") }
    }
}
