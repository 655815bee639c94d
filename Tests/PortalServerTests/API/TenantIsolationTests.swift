import Foundation
import PortalAPI
import PortalTestSupport
import Testing

/// Every id of tenant B answers 404 to a user of tenant A, on every route that takes one.
@Suite("Tenant isolation over HTTP")
struct TenantIsolationTests {
    @Test func everyIdOfAnotherTenantIsNotFound() async throws {
        try await withServer { server in
            let fjord = try await server.login("rep@fjord.test")
            let theirProduct = try #require(try await fjord.productsInStock(minimum: 2).first)
            let theirCustomer = try await fjord.firstCustomer()
            let theirOrder = try await fjord.placeOrder(customerId: theirCustomer.id, lines: [(theirProduct.id, 1)]).data(OrderPayload.self).order
            let theirItem = try #require(
                try await fjord.post(Routes.cartItems, json: ["productId": .string(theirProduct.id), "quantity": 1]).data(CartPayload.self).cart.items.first)

            let northwind = try await server.login("admin@northwind.test")
            let ours = try #require(try await northwind.productsInStock(minimum: 1).first)
            let ourCustomer = try await northwind.firstCustomer()
            let key = [("Idempotency-Key", UUID().uuidString)]
            let attempts: [(String, TestResponse)] = [
                ("GET product", try await northwind.get(Routes.product(theirProduct.id))),
                ("GET customer", try await northwind.get(Routes.customer(theirCustomer.id))),
                ("GET order", try await northwind.get(Routes.order(theirOrder.id))),
                ("cancel order", try await northwind.post(Routes.cancelOrder(theirOrder.id), headers: key)),
                ("add their product", try await northwind.post(Routes.cartItems, json: ["productId": .string(theirProduct.id), "quantity": 1])),
                ("patch their item", try await northwind.send("PATCH", Routes.cartItem(theirItem.id), body: TestClient.encode(["quantity": 2]))),
                ("delete their item", try await northwind.send("DELETE", Routes.cartItem(theirItem.id))),
                ("choose their customer", try await northwind.send("PUT", Routes.cartCustomer, body: TestClient.encode(["customerId": .string(theirCustomer.id)]))),
                ("order for their customer", try await northwind.placeOrder(customerId: theirCustomer.id, lines: [(ours.id, 1)])),
                ("order their product", try await northwind.placeOrder(customerId: ourCustomer.id, lines: [(theirProduct.id, 1)])),
            ]
            for (name, response) in attempts {
                #expect(response.status == 404, "\(name) answered \(response.status)")
                #expect(response.errorCode == "NOT_FOUND", "\(name)")
            }
            // Lists and stock simply do not contain them.
            let inventory = try await northwind.get("\(Routes.inventory)?productIds=\(theirProduct.id)").data(InventoryList.self).inventory
            #expect(inventory.isEmpty)
            let filtered = try await northwind.get("\(Routes.orders)?customerId=\(theirCustomer.id)").data(OrdersPage.self).orders
            #expect(filtered.isEmpty)
            let search = try await northwind.get("\(Routes.products)?limit=100&q=\(theirProduct.sku)").data(ProductsPage.self).products
            #expect(!search.contains { $0.id == theirProduct.id })
            // Nothing of theirs changed.
            #expect(try await fjord.get(Routes.order(theirOrder.id)).data(OrderPayload.self).order.status == "pending")
            #expect(try await fjord.currentCart().items == [theirItem])
        }
    }
}
