import Foundation
import PortalAPI
import PortalTestSupport
import Testing

@Suite("Orders over HTTP")
struct OrdersTests {
    @Test func listsOnlyTheCallersOrdersNewestFirstWithLines() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            let response = try await rep.get(Routes.orders)
            let orders = try response.data(OrdersPage.self).orders
            #expect(orders.count == 20, "default limit")
            let me = try await rep.get(Routes.me).data(MePayload.self).user
            #expect(orders.allSatisfy { $0.placedBy == me.id })
            #expect(orders.map(\.createdAt) == orders.map(\.createdAt).sorted(by: >))
            for order in orders {
                #expect(order.itemCount == order.lines.reduce(0) { $0 + $1.quantity })
                #expect(order.subtotalCents == order.lines.reduce(0) { $0 + $1.lineTotalCents })
                #expect(order.totalCents == order.subtotalCents + order.taxCents)
                #expect(order.lines.allSatisfy { $0.lineTotalCents == $0.unitPriceCents * $0.quantity })
            }
            #expect(response.json["data"]?["orders"]?.arrayValue.allSatisfy { $0["notes"] != nil } == true, "notes is always present")
            // Another rep's order is 404 to this one.
            let other = try await server.login("rep2@northwind.test")
            let theirs = try #require(try await other.get(Routes.orders).data(OrdersPage.self).orders.first)
            #expect(try await rep.get(Routes.order(theirs.id)).status == 404)
            #expect(try await rep.get(Routes.order(orders[0].id)).data(OrderPayload.self).order == orders[0])
        }
    }

    @Test func filtersByStatusCustomerAndText() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            let pending = try await rep.get("\(Routes.orders)?status=pending&limit=100").data(OrdersPage.self).orders
            #expect(!pending.isEmpty && pending.allSatisfy { $0.status == "pending" })
            let sample = try #require(try await rep.get("\(Routes.orders)?limit=50").data(OrdersPage.self).orders.last)
            let byCustomer = try await rep.get("\(Routes.orders)?limit=100&customerId=\(sample.customer.id)").data(OrdersPage.self).orders
            #expect(!byCustomer.isEmpty && byCustomer.allSatisfy { $0.customer.id == sample.customer.id })
            let byNumber = try await rep.get("\(Routes.orders)?q=\(sample.orderNumber.lowercased())").data(OrdersPage.self).orders
            #expect(byNumber.map(\.id).contains(sample.id))
            let namePart = String(sample.customer.name.uppercased().prefix(4)).addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let byName = try await rep.get("\(Routes.orders)?limit=100&q=\(namePart)").data(OrdersPage.self).orders
            #expect(byName.contains { $0.customer.id == sample.customer.id })
            let invalid = try await rep.get("\(Routes.orders)?status=lost")
            #expect(invalid.status == 400)
            #expect(invalid.errorField == "status")
        }
    }

    @Test func walkingEveryPageSeesEveryOrderOnce() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            let first = try await rep.get("\(Routes.orders)?limit=100")
            let total = try #require(first.json["meta"]?["pagination"]?["total"]?.intValue)
            let pages = try #require(first.json["meta"]?["pagination"]?["totalPages"]?.intValue)
            var ids: [String] = []
            for page in 1...pages {
                ids += try await rep.get("\(Routes.orders)?limit=100&page=\(page)").data(OrdersPage.self).orders.map(\.id)
            }
            #expect(ids.count == total)
            #expect(Set(ids).count == total)
        }
    }

    @Test func placingAnOrderLowersStockAndIsIdempotent() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            let product = try #require(try await rep.productsInStock(minimum: 5).first)
            let customer = try await rep.firstCustomer()
            let key = UUID().uuidString
            let created = try await rep.placeOrder(customerId: customer.id, lines: [(product.id, 2)], key: key)
            #expect(created.status == 201)
            #expect(created.header("Cache-Control") == "private, no-cache")
            #expect(created.header("Vary") == "Cookie")
            #expect(created.header("ETag") == nil, "only GETs carry ETags")
            let order = try created.data(OrderPayload.self).order
            #expect(order.status == "pending")
            #expect(order.customer == CustomerReference(id: customer.id, name: customer.name))
            #expect(order.lines.map(\.productId) == [product.id])
            #expect(order.lines[0].unitPriceCents == product.unitPriceCents)
            #expect(order.notes == nil)
            let after = try await rep.get(Routes.product(product.id)).data(ProductPayload.self).product
            #expect(after.inventory.onHand == product.inventory.onHand - 2)

            // A retry with the same key and body replays the same response without a second order.
            let replay = try await rep.placeOrder(customerId: customer.id, lines: [(product.id, 2)], key: key)
            #expect(replay.status == 201)
            #expect(replay.body == created.body)
            let stillAfter = try await rep.get(Routes.product(product.id)).data(ProductPayload.self).product
            #expect(stillAfter.inventory.onHand == after.inventory.onHand)
            // The same key with another body is refused.
            let reused = try await rep.placeOrder(customerId: customer.id, lines: [(product.id, 3)], key: key)
            #expect(reused.status == 409)
            #expect(reused.errorCode == "IDEMPOTENCY_KEY_REUSED")
            // The key is the user's: another user may use the same one.
            let admin = try await server.login("admin@northwind.test")
            #expect(try await admin.placeOrder(customerId: customer.id, lines: [(product.id, 1)], key: key).status == 201)
        }
    }

    @Test func theIdempotencyKeyIsRequiredAndMustBeAUUID() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            let body: JSONValue = ["customerId": "c", "lines": [["productId": "p", "quantity": 1]]]
            let missing = try await rep.post(Routes.orders, json: body)
            #expect(missing.status == 400)
            #expect(missing.errorField == "Idempotency-Key")
            let malformed = try await rep.post(Routes.orders, json: body, headers: [("Idempotency-Key", "not-a-uuid")])
            #expect(malformed.errorField == "Idempotency-Key")
            let cancel = try await rep.post(Routes.cancelOrder("ord_x"))
            #expect(cancel.status == 400)
            #expect(cancel.errorField == "Idempotency-Key")
        }
    }

    @Test func invalidLinesAreRefusedBeforeAnythingChanges() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            let products = try await rep.productsInStock(minimum: 2)
            let customer = try await rep.firstCustomer()
            let empty = try await rep.placeOrder(customerId: customer.id, lines: [])
            #expect(empty.errorField == "lines")
            let repeated = try await rep.placeOrder(customerId: customer.id, lines: [(products[0].id, 1), (products[0].id, 1)])
            #expect(repeated.status == 400)
            #expect(repeated.errorField == "lines[1].productId")
            let zero = try await rep.placeOrder(customerId: customer.id, lines: [(products[0].id, 0)])
            #expect(zero.errorField == "lines[0].quantity")
            let unknownProduct = try await rep.placeOrder(customerId: customer.id, lines: [(products[0].id, 1), ("prod_nope", 1)])
            #expect(unknownProduct.status == 404)
            #expect(unknownProduct.errorField == "lines[1].productId")
            let unknownCustomer = try await rep.placeOrder(customerId: "cust_nope", lines: [(products[0].id, 1)])
            #expect(unknownCustomer.status == 404)
            #expect(unknownCustomer.errorField == "customerId")
        }
    }

    @Test func insufficientStockListsEveryShortLineAndChangesNothing() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            let products = try await rep.productsInStock(minimum: 2)
            let customer = try await rep.firstCustomer()
            let (fine, shortA, shortB) = (products[0], products[1], products[2])
            let response = try await rep.placeOrder(
                customerId: customer.id,
                lines: [(fine.id, 1), (shortA.id, shortA.inventory.available + 1), (shortB.id, shortB.inventory.available + 5)])
            #expect(response.status == 409)
            #expect(response.errorCode == "INSUFFICIENT_STOCK")
            let lines = response.json["error"]?["details"]?["lines"]?.arrayValue ?? []
            #expect(lines.count == 2)
            #expect(lines.contains { $0["productId"]?.stringValue == shortA.id && $0["requested"]?.intValue == shortA.inventory.available + 1 && $0["available"]?.intValue == shortA.inventory.available })
            #expect(lines.contains { $0["productId"]?.stringValue == shortB.id })
            let unchanged = try await rep.get(Routes.product(fine.id)).data(ProductPayload.self).product
            #expect(unchanged.inventory.onHand == fine.inventory.onHand)
            // A failed request stores nothing: the same key may be used again.
        }
    }

    @Test func aFailedAttemptDoesNotBurnItsKey() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            let product = try #require(try await rep.productsInStock(minimum: 2).first)
            let customer = try await rep.firstCustomer()
            let key = UUID().uuidString
            let failed = try await rep.placeOrder(customerId: customer.id, lines: [(product.id, product.inventory.available + 1)], key: key)
            #expect(failed.status == 409)
            let retried = try await rep.placeOrder(customerId: customer.id, lines: [(product.id, 1)], key: key)
            #expect(retried.status == 201)
        }
    }

    @Test func cancellingAPendingOrderReturnsItsStock() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            let product = try #require(try await rep.productsInStock(minimum: 3).first)
            let customer = try await rep.firstCustomer()
            let order = try await rep.placeOrder(customerId: customer.id, lines: [(product.id, 3)]).data(OrderPayload.self).order
            let key = UUID().uuidString
            let cancelled = try await rep.post(Routes.cancelOrder(order.id), headers: [("Idempotency-Key", key)])
            #expect(cancelled.status == 200)
            #expect(try cancelled.data(OrderPayload.self).order.status == "cancelled")
            #expect(try await rep.get(Routes.product(product.id)).data(ProductPayload.self).product.inventory.onHand == product.inventory.onHand)
            // The retry replays; a new attempt is refused.
            let replay = try await rep.post(Routes.cancelOrder(order.id), headers: [("Idempotency-Key", key)])
            #expect(replay.status == 200)
            #expect(replay.body == cancelled.body)
            let again = try await rep.post(Routes.cancelOrder(order.id), headers: [("Idempotency-Key", UUID().uuidString)])
            #expect(again.status == 409)
            #expect(again.errorCode == "ORDER_NOT_CANCELLABLE")
            let delivered = try #require(try await rep.get("\(Routes.orders)?status=delivered").data(OrdersPage.self).orders.first)
            let notPending = try await rep.post(Routes.cancelOrder(delivered.id), headers: [("Idempotency-Key", UUID().uuidString)])
            #expect(notPending.errorCode == "ORDER_NOT_CANCELLABLE")
            let unknown = try await rep.post(Routes.cancelOrder("ord_nope"), headers: [("Idempotency-Key", UUID().uuidString)])
            #expect(unknown.status == 404)
        }
    }

    @Test func concurrentDuplicatesWaitForTheOriginalAndReplayIt() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            let product = try #require(try await rep.productsInStock(minimum: 10).first)
            let customer = try await rep.firstCustomer()
            let key = UUID().uuidString
            let responses = try await withThrowingTaskGroup(of: TestResponse.self) { group in
                for _ in 0..<6 {
                    group.addTask { try await rep.placeOrder(customerId: customer.id, lines: [(product.id, 1)], key: key) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(responses.allSatisfy { $0.status == 201 })
            #expect(Set(responses.map(\.body)).count == 1)
            let after = try await rep.get(Routes.product(product.id)).data(ProductPayload.self).product
            #expect(after.inventory.onHand == product.inventory.onHand - 1)
        }
    }
}
