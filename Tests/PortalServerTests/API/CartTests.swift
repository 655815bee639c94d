import Foundation
import PortalAPI
import PortalTestSupport
import Testing

@Suite("Cart and checkout over HTTP")
struct CartTests {
    @Test func theCartIsCreatedEmptyAndEveryChangeAnswersTheWholeCart() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            let empty = try await rep.get(Routes.cart)
            #expect(empty.json["data"]?["cart"]?["customer"] == .null, "customer is present, null")
            let cart = try empty.data(CartPayload.self).cart
            #expect(cart.items.isEmpty && cart.itemCount == 0 && cart.totalCents == 0)
            let products = try await rep.productsInStock(minimum: 5)
            let (first, second) = (products[0], products[1])

            let added = try await rep.post(Routes.cartItems, json: ["productId": .string(first.id), "quantity": 2])
            #expect(added.status == 201)
            var current = try added.data(CartPayload.self).cart
            #expect(current.version == cart.version + 1)
            #expect(current.items.map(\.productId) == [first.id])
            // Adding the same product again increases its line.
            current = try await rep.post(Routes.cartItems, json: ["productId": .string(first.id), "quantity": 1]).data(CartPayload.self).cart
            #expect(current.items.count == 1 && current.items[0].quantity == 3)
            current = try await rep.post(Routes.cartItems, json: ["productId": .string(second.id), "quantity": 1]).data(CartPayload.self).cart
            #expect(current.itemCount == 4)
            #expect(current.subtotalCents == 3 * first.unitPriceCents + second.unitPriceCents)
            #expect(current.totalCents == current.subtotalCents + current.taxCents)
            #expect(current.taxCents == (current.subtotalCents * 825 + 5_000) / 10_000)

            // PATCH sets the absolute quantity; 0 removes the line.
            let line = try #require(current.items.first { $0.productId == first.id })
            let patched = try await rep.send("PATCH", Routes.cartItem(line.id), body: TestClient.encode(["quantity": 1]))
            #expect(patched.status == 200)
            #expect(try patched.data(CartPayload.self).cart.items.first { $0.id == line.id }?.quantity == 1)
            let again = try await rep.send("PATCH", Routes.cartItem(line.id), body: TestClient.encode(["quantity": 1]))
            #expect(try again.data(CartPayload.self).cart.items.first { $0.id == line.id }?.quantity == 1, "absolute, not an increment")
            let removed = try await rep.send("PATCH", Routes.cartItem(line.id), body: TestClient.encode(["quantity": 0])).data(CartPayload.self).cart
            #expect(!removed.items.contains { $0.id == line.id })
            let other = try #require(removed.items.first)
            let deleted = try await rep.send("DELETE", Routes.cartItem(other.id))
            #expect(deleted.status == 200)
            let final = try deleted.data(CartPayload.self).cart
            #expect(final.items.isEmpty)
            #expect(final.version == current.version + 4)
            #expect(try await rep.send("DELETE", Routes.cartItem(other.id)).status == 404)
            #expect(try await rep.send("PATCH", Routes.cartItem("item_nope"), body: TestClient.encode(["quantity": 1])).status == 404)
            let negative = try await rep.send("PATCH", Routes.cartItem(other.id), body: TestClient.encode(["quantity": -1]))
            #expect(negative.errorField == "quantity")
        }
    }

    @Test func cartChangesBeyondAvailableStockAreRefusedAndChangeNothing() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            let product = try #require(try await rep.productsInStock(minimum: 2).first)
            let before = try await rep.post(Routes.cartItems, json: ["productId": .string(product.id), "quantity": 1]).data(CartPayload.self).cart
            let over = try await rep.post(Routes.cartItems, json: ["productId": .string(product.id), "quantity": .number(Double(product.inventory.available))])
            #expect(over.status == 409)
            #expect(over.errorCode == "INSUFFICIENT_STOCK")
            let line = over.json["error"]?["details"]?["lines"]?.arrayValue.first
            #expect(line?["requested"]?.intValue == product.inventory.available + 1, "the resulting quantity")
            #expect(line?["available"]?.intValue == product.inventory.available)
            let patch = try await rep.send("PATCH", Routes.cartItem(before.items[0].id), body: TestClient.encode(["quantity": .number(Double(product.inventory.available + 1))]))
            #expect(patch.errorCode == "INSUFFICIENT_STOCK")
            #expect(try await rep.currentCart() == before)
            let all = try await rep.get("\(Routes.products)?limit=100").data(ProductsPage.self).products
            let soldOut = try #require(all.first { $0.inventory.available == 0 })
            #expect(try await rep.post(Routes.cartItems, json: ["productId": .string(soldOut.id), "quantity": 1]).errorCode == "INSUFFICIENT_STOCK")
            #expect(try await rep.post(Routes.cartItems, json: ["productId": "prod_nope", "quantity": 1]).status == 404)
        }
    }

    @Test func theCustomerMustBeNamedExplicitly() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            let customer = try await rep.firstCustomer()
            let missing = try await rep.send("PUT", Routes.cartCustomer, body: Data("{}".utf8))
            #expect(missing.status == 400)
            #expect(missing.errorField == "customerId")
            let chosen = try await rep.send("PUT", Routes.cartCustomer, body: TestClient.encode(["customerId": .string(customer.id)]))
            #expect(try chosen.data(CartPayload.self).cart.customer == CustomerReference(id: customer.id, name: customer.name))
            let cleared = try await rep.send("PUT", Routes.cartCustomer, body: TestClient.encode(["customerId": .null]))
            #expect(try cleared.data(CartPayload.self).cart.customer == nil)
            let unknown = try await rep.send("PUT", Routes.cartCustomer, body: TestClient.encode(["customerId": "cust_nope"]))
            #expect(unknown.status == 404)
            #expect(unknown.errorField == "customerId")
        }
    }

    @Test func checkoutPreconditionsComeInTheContractsOrder() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            let customer = try await rep.firstCustomer()
            let product = try #require(try await rep.productsInStock(minimum: 2).first)
            // Empty and without a customer: EMPTY_CART first.
            let empty = try await rep.checkout(body: ["expectedVersion": 999])
            #expect(empty.status == 422)
            #expect(empty.errorCode == "EMPTY_CART")
            _ = try await rep.post(Routes.cartItems, json: ["productId": .string(product.id), "quantity": 1])
            let noCustomer = try await rep.checkout(body: ["expectedVersion": 999])
            #expect(noCustomer.status == 422)
            #expect(noCustomer.errorCode == "CUSTOMER_REQUIRED")
            _ = try await rep.send("PUT", Routes.cartCustomer, body: TestClient.encode(["customerId": .string(customer.id)]))
            let cart = try await rep.currentCart()
            let stale = try await rep.checkout(body: ["expectedVersion": .number(Double(cart.version - 1))])
            #expect(stale.status == 409)
            #expect(stale.errorCode == "CART_CHANGED")
            // Stock sold elsewhere after it went into the cart.
            let admin = try await server.login("admin@northwind.test")
            let available = try await admin.get(Routes.product(product.id)).data(ProductPayload.self).product.inventory.available
            #expect(try await admin.placeOrder(customerId: customer.id, lines: [(product.id, available)]).status == 201)
            let short = try await rep.checkout(body: ["expectedVersion": .number(Double(cart.version))])
            #expect(short.status == 409)
            #expect(short.errorCode == "INSUFFICIENT_STOCK")
            #expect(try await rep.currentCart() == cart, "the cart is unchanged")
        }
    }

    @Test func checkoutTurnsTheCartIntoAnOrderAndARetryGetsItBack() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            let customer = try await rep.firstCustomer()
            let product = try #require(try await rep.productsInStock(minimum: 3).first)
            try await rep.fillCart(productId: product.id, quantity: 3, customerId: customer.id)
            let cart = try await rep.currentCart()
            let key = UUID().uuidString
            let body: JSONValue = ["notes": "Back door, before 10am — merci", "expectedVersion": .number(Double(cart.version))]
            let response = try await rep.checkout(key: key, body: body)
            #expect(response.status == 201)
            let order = try response.data(OrderPayload.self).order
            #expect(order.status == "pending")
            #expect(order.notes == "Back door, before 10am — merci")
            #expect(order.totalCents == cart.totalCents && order.taxCents == cart.taxCents, "the cart's totals are the order's")
            #expect(order.lines.map(\.productId) == [product.id])
            let emptied = try await rep.currentCart()
            #expect(emptied.items.isEmpty && emptied.customer == nil && emptied.version > cart.version)
            #expect(try await rep.get(Routes.product(product.id)).data(ProductPayload.self).product.inventory.onHand == product.inventory.onHand - 3)
            // The response was lost; the retry with the same key gets the same order although the cart is now empty.
            let retry = try await rep.checkout(key: key, body: body)
            #expect(retry.status == 201)
            #expect(retry.body == response.body)
            let orders = try await rep.get("\(Routes.orders)?customerId=\(customer.id)&limit=100").data(OrdersPage.self).orders
            #expect(orders.filter { $0.id == order.id }.count == 1)
            // A new attempt on the empty cart is refused.
            #expect(try await rep.checkout().errorCode == "EMPTY_CART")
        }
    }

    @Test func anEmptyCheckoutBodyMeansAnEmptyObject() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            let customer = try await rep.firstCustomer()
            let product = try #require(try await rep.productsInStock(minimum: 1).first)
            try await rep.fillCart(productId: product.id, quantity: 1, customerId: customer.id)
            let response = try await rep.send("POST", Routes.checkout, body: nil, headers: [("Idempotency-Key", UUID().uuidString)])
            #expect(response.status == 201)
        }
    }

    @Test func twoCheckoutsRacingForTheLastUnitLeaveExactlyOneOrder() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            let admin = try await server.login("admin@northwind.test")
            let customer = try await rep.firstCustomer()
            let product = try #require(try await rep.productsInStock(minimum: 2).first)
            // Leave exactly one unit.
            #expect(try await admin.placeOrder(customerId: customer.id, lines: [(product.id, product.inventory.available - 1)]).status == 201)
            try await rep.fillCart(productId: product.id, quantity: 1, customerId: customer.id)
            try await admin.fillCart(productId: product.id, quantity: 1, customerId: customer.id)
            async let first = rep.checkout()
            async let second = admin.checkout()
            let statuses = [try await first.status, try await second.status].sorted()
            #expect(statuses == [201, 409])
            let left = try await rep.get(Routes.product(product.id)).data(ProductPayload.self).product.inventory
            #expect(left.available == 0)
            #expect(left.onHand == left.reserved)
        }
    }
}
