import Foundation
import PortalAPI
import PortalTestSupport
import Testing

@Suite("Envelope, errors and conditional GETs over HTTP")
struct ConventionsTests {
    @Test func unknownPathsAre404AndWrongMethodsAre405InTheEnvelope() async throws {
        try await withServer { server in
            let client = try await server.login("rep@northwind.test")
            let unknown = try await client.get("/api/portal/nothing-here")
            #expect(unknown.status == 404)
            #expect(unknown.errorCode == "NOT_FOUND")
            #expect(unknown.json["success"] == .bool(false))
            let unauthenticatedUnknown = try await server.client().get("/api/portal/nothing/here/either")
            #expect(unauthenticatedUnknown.status == 404, "routing comes before 401")
            let wrongMethod = try await server.client().send("DELETE", Routes.orders)
            #expect(wrongMethod.status == 405, "405 comes before 401")
            #expect(wrongMethod.errorCode == "METHOD_NOT_ALLOWED")
            let wrongMethodWithId = try await client.send("PUT", Routes.order("ord_x"))
            #expect(wrongMethodWithId.status == 405)
        }
    }

    @Test func bodiesThatAreNotJSONAreInvalidJSON() async throws {
        try await withServer { server in
            let client = try await server.login("rep@northwind.test")
            let broken = try await client.send("POST", Routes.cartItems, body: Data("{not json".utf8))
            #expect(broken.status == 400)
            #expect(broken.errorCode == "INVALID_JSON")
            let wrongType = try await client.send("POST", Routes.cartItems, body: Data(#"{"productId":"p","quantity":1}"#.utf8), contentType: "text/plain")
            #expect(wrongType.status == 400)
            #expect(wrongType.errorCode == "INVALID_JSON")
            let login = try await server.client().send("POST", Routes.login, body: Data("email=a".utf8), contentType: "application/x-www-form-urlencoded")
            #expect(login.errorCode == "INVALID_JSON")
        }
    }

    @Test func missingFieldsAndWrongTypesNameTheField() async throws {
        try await withServer { server in
            let client = try await server.login("rep@northwind.test")
            let missing = try await client.post(Routes.cartItems, json: ["quantity": 1])
            #expect(missing.status == 400)
            #expect(missing.errorCode == "VALIDATION_ERROR")
            #expect(missing.errorField == "productId")
            let wrongType = try await client.post(Routes.cartItems, json: ["productId": "p", "quantity": "three"])
            #expect(wrongType.errorField == "quantity")
            let outOfRange = try await client.post(Routes.cartItems, json: ["productId": "p", "quantity": 0])
            #expect(outOfRange.errorCode == "VALIDATION_ERROR")
            #expect(outOfRange.errorField == "quantity")
            let nested = try await client.post(
                Routes.orders, json: ["customerId": "c", "lines": [["productId": "p"]]], headers: [("Idempotency-Key", UUID().uuidString)])
            #expect(nested.errorField == "lines[0].quantity")
        }
    }

    @Test func pagingParametersAreValidated() async throws {
        try await withServer { server in
            let client = try await server.login("rep@northwind.test")
            for (query, field) in [("page=0", "page"), ("limit=0", "limit"), ("limit=101", "limit"), ("page=x", "page")] {
                let response = try await client.get("\(Routes.orders)?\(query)")
                #expect(response.status == 400, "\(query)")
                #expect(response.errorField == field, "\(query)")
            }
            let pastTheEnd = try await client.get("\(Routes.products)?page=999")
            #expect(pastTheEnd.status == 200)
            #expect(pastTheEnd.json["data"]?["products"]?.arrayValue.isEmpty == true)
            #expect(pastTheEnd.json["meta"]?["pagination"]?["page"]?.intValue == 999)
        }
    }

    @Test func authenticatedGetsCarryAStrongETagAndAnswer304() async throws {
        try await withServer { server in
            let client = try await server.login("rep@northwind.test")
            let first = try await client.get(Routes.cart)
            #expect(first.header("Cache-Control") == "private, no-cache")
            #expect(first.header("Vary") == "Cookie")
            let etag = try #require(first.header("ETag"))
            #expect(etag.hasPrefix("\"") && !etag.hasPrefix("W/"))
            let again = try await client.get(Routes.cart, headers: [("If-None-Match", etag)])
            #expect(again.status == 304)
            #expect(again.body.isEmpty)
            #expect(again.header("ETag") == etag)
            #expect(again.header("Cache-Control") == "private, no-cache")
            #expect(again.header("Vary") == "Cookie")
            // A change to the data changes the tag.
            let products = try await client.get("\(Routes.products)?limit=1").json
            let productId = try #require(products["data"]?["products"]?.arrayValue.first?["id"]?.stringValue)
            #expect(try await client.post(Routes.cartItems, json: ["productId": .string(productId), "quantity": 1]).status == 201)
            let changed = try await client.get(Routes.cart, headers: [("If-None-Match", etag)])
            #expect(changed.status == 200)
            #expect(changed.header("ETag") != etag)
        }
    }

    @Test func theETagDependsOnTheUserNotOnlyTheBody() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            let admin = try await server.login("admin@northwind.test")
            let path = "\(Routes.products)?limit=5"
            let repResponse = try await rep.get(path)
            let adminResponse = try await admin.get(path)
            #expect(repResponse.body == adminResponse.body)
            #expect(repResponse.header("ETag") != adminResponse.header("ETag"))
            let crossed = try await admin.get(path, headers: [("If-None-Match", try #require(repResponse.header("ETag")))])
            #expect(crossed.status == 200)
        }
    }

    @Test func theETagSurvivesARestart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leora-restart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = try await TestBackend.current.freshDatabase(in: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try await withServer({ $0.databasePath = path }) { server in
            try await server.login("rep@northwind.test").get("\(Routes.products)?limit=10")
        }
        let second = try await withServer({ $0.databasePath = path }) { server in
            try await server.login("rep@northwind.test").get("\(Routes.products)?limit=10")
        }
        #expect(first.text == second.text)
        #expect(first.header("ETag") == second.header("ETag"))
    }

    @Test func errorsNeverCarryInternals() async throws {
        try await withServer { server in
            let client = try await server.login("rep@northwind.test")
            let responses = [
                try await client.get(Routes.order("'; DROP TABLE orders; --")),
                try await client.get("\(Routes.products)?q=%27%22%3B--"),
                try await client.send("POST", Routes.cartItems, body: Data(#"{"productId": ["x"], "quantity": 1}"#.utf8)),
            ]
            for response in responses {
                #expect(!response.text.localizedCaseInsensitiveContains("sqlite"))
                #expect(!response.text.contains("SELECT"))
                #expect(!response.text.contains(".swift"))
            }
            #expect(responses[0].status == 404)
            #expect(responses[1].status == 200)
        }
    }
}
