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
