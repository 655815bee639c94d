import Foundation
import PortalAPI
import PortalTestSupport
import Testing

/// The envelope rule and the headers hold on every route, including the corners a fuzzer finds.
@Suite("Contract details over HTTP")
struct ContractDetailsTests {
    @Test func cancelWithAMalformedBodyIsInvalidJSON() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            let pending = try #require(try await rep.get("\(Routes.orders)?status=pending").data(OrdersPage.self).orders.first)
            let broken = try await rep.send(
                "POST", Routes.cancelOrder(pending.id), body: Data("{not json".utf8), headers: [("Idempotency-Key", UUID().uuidString)])
            #expect(broken.status == 400)
            #expect(broken.errorCode == "INVALID_JSON")
            #expect(try await rep.get(Routes.order(pending.id)).data(OrderPayload.self).order.status == "pending", "nothing was cancelled")
            let empty = try await rep.send("POST", Routes.cancelOrder(pending.id), headers: [("Idempotency-Key", UUID().uuidString)])
            #expect(empty.status == 200, "no body is still fine")
        }
    }

    @Test func methodNotAllowedNamesTheAllowedMethods() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            let orders = try await rep.send("DELETE", Routes.orders)
            #expect(orders.status == 405)
            #expect(orders.header("Allow") == "GET, POST")
            let item = try await rep.send("GET", Routes.cartItem("item_x"))
            #expect(item.status == 405)
            #expect(item.header("Allow") == "DELETE, PATCH")
        }
    }

    @Test func jsonAnswersCarryNosniff() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            for response in [
                try await rep.get(Routes.orders), try await rep.get("/api/portal/nothing"), try await server.client().get(Routes.orders),
                try await server.client().get(Routes.health),
            ] {
                #expect(response.header("X-Content-Type-Options") == "nosniff", "\(response.status)")
            }
        }
    }

    /// openapi.yaml bounds notes with `maxLength: 2000`, which counts code points, not what a reader
    /// sees as one character: an accent written as a combining mark counts on its own.
    @Test func notesAreBoundedInCodePoints() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            let customer = try await rep.firstCustomer()
            let product = try #require(try await rep.productsInStock().first)
            func order(notes: String) async throws -> TestResponse {
                let body: JSONValue = [
                    "customerId": .string(customer.id), "notes": .string(notes),
                    "lines": [["productId": .string(product.id), "quantity": 1]],
                ]
                return try await rep.post(Routes.orders, json: body, headers: [("Idempotency-Key", UUID().uuidString)])
            }
            let combining = try await order(notes: String(repeating: "e\u{301}", count: 1_001))
            #expect(combining.status == 400, "2,002 code points in 1,001 characters")
            #expect(combining.errorField == "notes")
            #expect(try await order(notes: String(repeating: "\u{1F377}", count: 2_000)).status == 201, "2,000 code points")
        }
    }

    @Test func anOverlongBodyIs413InTheEnvelope() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            let notes = String(repeating: "x", count: 2 << 20)
            let response = try await rep.post(Routes.cartItems, json: ["productId": "p", "quantity": 1, "notes": .string(notes)])
            #expect(response.status == 413)
            #expect(response.errorCode == "VALIDATION_ERROR")
            #expect(response.errorField == "body")
        }
    }
}
