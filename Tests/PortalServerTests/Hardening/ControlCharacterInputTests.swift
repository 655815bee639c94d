import Foundation
import PortalAPI
import PortalTestSupport
import Testing

/// Strings with control characters are refused, never stored truncated or matched loosely.
@Suite("Control characters in requests")
struct ControlCharacterInputTests {
    @Test func aQueryOrPathWithAControlCharacterIsA400() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            for path in ["\(Routes.orders)?q=%00", "\(Routes.products)?q=rioja%1b%5b2J", "\(Routes.customers)?q=%c2%9b", Routes.order("ord%00x")] {
                let response = try await rep.get(path)
                #expect(response.status == 400, "\(path) answered \(response.status)")
                #expect(response.errorCode == "VALIDATION_ERROR")
            }
            #expect(try await rep.get("\(Routes.orders)?q=%00").errorField == "q")
        }
    }

    /// The contract: servers ignore unknown request fields. Only the fields a route reads are checked.
    @Test func unknownBodyFieldsAreIgnoredWhateverTheyHold() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            let product = try #require(try await rep.productsInStock().first)
            let body: JSONValue = [
                "productId": .string(product.id), "quantity": 1,
                "note\u{1b}": "\u{0}", "extra": ["nested": ["\u{85}"]],
            ]
            let added = try await rep.post(Routes.cartItems, json: body)
            #expect(added.status == 201, "\(added.text)")
            let customer = try await rep.firstCustomer()
            let chosen = try await rep.send(
                "PUT", Routes.cartCustomer, body: TestClient.encode(["customerId": .string(customer.id), "\u{7}": "\u{9b}"]))
            #expect(chosen.status == 200, "\(chosen.text)")
            // A field the route reads is still refused.
            let refused = try await rep.post(Routes.cartItems, json: ["productId": .string(product.id + "\u{1b}"), "quantity": 1])
            #expect(refused.status == 400)
            #expect(refused.errorField == "productId")
        }
    }

    @Test func theContractsOrderHolds401Then403Then400() async throws {
        try await withServer { server in
            #expect(try await server.client().get("\(Routes.orders)?q=%00").status == 401, "no session: 401 first")
            let viewer = try await server.login("viewer@northwind.test")
            #expect(try await viewer.get("\(Routes.webhookDeliveries)?status=%1b").status == 403, "no permission: 403 next")
            #expect(try await viewer.get("\(Routes.orders)?q=%1b").status == 400, "then the bad value")
        }
    }

    @Test func notesWithANulAreRefusedNotTruncated() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            let customer = try await rep.firstCustomer()
            let product = try #require(try await rep.productsInStock().first)
            let body: JSONValue = [
                "customerId": .string(customer.id), "notes": "a\u{0}b",
                "lines": [["productId": .string(product.id), "quantity": 1]],
            ]
            let refused = try await rep.post(Routes.orders, json: body, headers: [("Idempotency-Key", UUID().uuidString)])
            #expect(refused.status == 400)
            #expect(refused.errorField == "notes")
            // Line breaks in free text are text, not control.
            var multiline = body
            if case .object(var object) = multiline { object["notes"] = "Deliver to the back door.\nRing twice."; multiline = .object(object) }
            let placed = try await rep.post(Routes.orders, json: multiline, headers: [("Idempotency-Key", UUID().uuidString)])
            #expect(placed.status == 201)
            #expect(try placed.data(OrderPayload.self).order.notes == "Deliver to the back door.\nRing twice.")
        }
    }
}
