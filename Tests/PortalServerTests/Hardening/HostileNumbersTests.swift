import Foundation
import PortalAPI
import PortalTestSupport
import Testing

/// Numbers a caller chooses never trap the server: each route answers, and the server is
/// still serving afterwards.
@Suite("Hostile numbers over HTTP")
struct HostileNumbersTests {
    static let extremes = ["9223372036854775807", "9223372036854775806", "4611686018427387904", "92233720368547758070", "-9223372036854775808"]

    @Test(arguments: [Routes.products, Routes.customers, Routes.orders])
    func aPageFarPastTheEndIsAnEmptyPageOrA400(route: String) async throws {
        try await withServer { server in
            let viewer = try await server.login("viewer@northwind.test")
            let rep = try await server.login("rep@northwind.test")
            let client = route == Routes.orders ? rep : viewer
            for page in Self.extremes {
                for limit in ["1", "100"] {
                    let response = try await client.get("\(route)?page=\(page)&limit=\(limit)")
                    #expect([200, 400].contains(response.status), "page=\(page) limit=\(limit) answered \(response.status)")
                    if response.status == 200 {
                        let list = try #require(response.json["data"]?[route.split(separator: "/").last.map(String.init) ?? ""])
                        #expect(list.arrayValue.isEmpty, "past the last page is empty")
                    } else {
                        #expect(response.errorCode == "VALIDATION_ERROR")
                    }
                }
            }
            #expect(try await server.client().get(Routes.health).status == 200, "still serving")
        }
    }

    @Test func webhookDeliveriesPageFarPastTheEndDoesNotTrap() async throws {
        try await withServer { server in
            let admin = try await server.login("admin@northwind.test")
            for page in Self.extremes {
                let response = try await admin.get("\(Routes.webhookDeliveries)?page=\(page)&limit=100")
                #expect([200, 400].contains(response.status), "page=\(page) answered \(response.status)")
            }
            #expect(try await server.client().get(Routes.health).status == 200, "still serving")
        }
    }

    @Test func extremeQuantitiesAreRefusedNotTrapped() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            let product = try #require(try await rep.productsInStock().first)
            for quantity in ["9223372036854775807", "-9223372036854775808", "1e300", "92233720368547758070"] {
                let body = Data(#"{"productId":"\#(product.id)","quantity":\#(quantity)}"#.utf8)
                let response = try await rep.send("POST", Routes.cartItems, body: body)
                #expect(response.status == 400, "quantity \(quantity) answered \(response.status)")
            }
            #expect(try await server.client().get(Routes.health).status == 200, "still serving")
        }
    }
}
