import Foundation
import PortalAPI
import PortalTestSupport
import Testing

/// A number, a boolean or a timestamp sent with an empty value is malformed, not absent: `page=` is
/// not a 64-bit integer. Only filters read an empty value as no filter (found by `make fuzz`).
@Suite("Empty query values")
struct EmptyQueryValueTests {
    @Test func anEmptyNumberBooleanOrTimestampIsAValidationError() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            let cases = [
                (Routes.products + "?page=", "page"), (Routes.orders + "?limit=", "limit"),
                (Routes.briefing + "?refresh=", "refresh"), (Routes.metrics + "?start=", "start"),
                (Routes.metrics + "?start=2026-01-01T00:00:00Z&end=", "end"),
            ]
            for (path, field) in cases {
                let response = try await rep.get(path)
                #expect(response.status == 400, "\(path) answered \(response.status)")
                #expect(response.errorCode == "VALIDATION_ERROR")
                #expect(response.errorField == field, "\(path)")
            }
        }
    }

    @Test func anEmptyFilterIsNoFilter() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            for path in [Routes.products + "?q=&category=", Routes.orders + "?status=&customerId=&q=", Routes.customers + "?q="] {
                #expect(try await rep.get(path).status == 200, "\(path)")
            }
            let admin = try await server.login("admin@northwind.test")
            #expect(try await admin.get(Routes.webhookDeliveries + "?status=").status == 200)
            // Omitted bounds of the metrics are still the server's default period.
            #expect(try await rep.get(Routes.metrics).status == 200)
        }
    }
}
