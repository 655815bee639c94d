import Foundation
import Logging
import PortalTestSupport
import Testing
import Yams
import PortalAPI
@testable import PortalServer

@Suite("openapi.yaml agrees with the router")
struct OpenAPISpecTests {
    static let specURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("openapi.yaml")

    static let httpMethods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]

    /// Every operation in the spec, keyed by `METHOD /path/{param}`.
    static func specOperations() throws -> [String: [String: Any]] {
        let text = try String(contentsOf: specURL, encoding: .utf8)
        let spec = try #require(try Yams.load(yaml: text) as? [String: Any])
        let paths = try #require(spec["paths"] as? [String: Any])
        var operations: [String: [String: Any]] = [:]
        for (path, item) in paths {
            let pathItem = try #require(item as? [String: Any])
            for (method, operation) in pathItem where httpMethods.contains(method) {
                operations["\(method.uppercased()) \(path)"] = try #require(operation as? [String: Any])
            }
        }
        return operations
    }

    static func specRoutes() throws -> Set<String> {
        Set(try specOperations().keys)
    }

    /// Operations marked `x-operational: true` (outside the contract).
    static func operationalRoutes() throws -> Set<String> {
        Set(try specOperations().filter { $0.value["x-operational"] as? Bool == true }.keys)
    }

    static func routerRoutes() async throws -> Set<String> {
        var configuration = ServerConfiguration(jwtSecret: Array(TestServer.secret.utf8))
        configuration.databasePath = ":memory:"
        let (router, _) = try await PortalApplication.makeRouter(configuration, clock: .system, metrics: PortalMetrics(), logger: Logger(label: "spec-test"))
        return Set(PortalApplication.routeList(of: router))
    }

    @Test func everyRouteTheServerServesIsInTheSpec() async throws {
        let undocumented = try await Self.routerRoutes().subtracting(try Self.specRoutes())
        #expect(undocumented.isEmpty, "routes missing from openapi.yaml: \(undocumented.sorted())")
    }

    @Test func everyOperationInTheSpecIsServed() async throws {
        let unserved = try Self.specRoutes().subtracting(try await Self.routerRoutes())
        #expect(unserved.isEmpty, "operations in openapi.yaml the server does not serve: \(unserved.sorted())")
    }

    @Test func routesOutsideTheContractAreMarkedOperational() throws {
        let outsideContract = try Self.specRoutes().filter { !$0.split(separator: " ")[1].hasPrefix("/api/") }
        #expect(outsideContract.contains("GET /metrics"))
        let operational = try Self.operationalRoutes()
        #expect(outsideContract.isSubset(of: operational))
        #expect(operational.subtracting(outsideContract) == ["GET /api/portal/jobs/runs"], "the one operational route under /api")
    }
}

@Suite("The server serves PortalAPI's Routes")
struct RoutesAreTheContractsTests {
    /// Every path of the contract, as PortalAPI writes it for the client.
    static let contract: Set<String> = [
        Routes.login, Routes.refresh, Routes.me, Routes.logout, Routes.health,
        Routes.products, Routes.product(Routes.idParameter), Routes.inventory, Routes.customers, Routes.customer(Routes.idParameter),
        Routes.orders, Routes.order(Routes.idParameter), Routes.cancelOrder(Routes.idParameter),
        Routes.cart, Routes.cartItems, Routes.cartItem(Routes.itemIdParameter), Routes.cartCustomer, Routes.checkout,
        Routes.briefing, Routes.metrics, Routes.jobRuns, Routes.cronWebhookDelivery, Routes.stripeWebhook,
        Routes.webhookSubscriptions, Routes.webhookSubscription(Routes.idParameter), Routes.webhookDeliveries,
    ]

    @Test func everyPathServedIsOneOfRoutesAndEveryRouteIsServed() async throws {
        let served = Set(try await OpenAPISpecTests.routerRoutes().map { String($0.split(separator: " ")[1]) })
        // `/metrics` is operational, outside the contract.
        #expect(served.subtracting(["/metrics"]) == Self.contract)
    }
}

/// The 413 the spec lists: on every operation that reads a JSON body (the Stripe webhook keeps its
/// own 400), and answered so by the server.
@Suite("openapi.yaml's 413s")
struct ContentTooLargeSpecTests {
    static func listing413() throws -> [String] {
        try OpenAPISpecTests.specOperations().filter { ($0.value["responses"] as? [String: Any])?["413"] != nil }.keys.sorted()
    }

    @Test func everyOperationWithAJSONBodyLists413() throws {
        let withBody = try OpenAPISpecTests.specOperations().filter { $0.value["requestBody"] != nil }.keys
        let missing = Set(withBody).subtracting(try Self.listing413()).subtracting(["POST /api/webhooks/stripe"])
        #expect(missing.isEmpty, "\(missing.sorted())")
    }

    @Test func everyOperationListing413AnswersItForAnOverlongBody() async throws {
        let operations = try Self.listing413()
        #expect(operations.count >= 8)
        try await withServer { server in
            let admin = try await server.login("admin@northwind.test")
            let body = Data(("{\"notes\":\"" + String(repeating: "x", count: 2 << 20) + "\"}").utf8)
            for operation in operations {
                let parts = operation.split(separator: " ").map(String.init)
                let path = parts[1].replacingOccurrences(of: #"\{[^}]+\}"#, with: "x", options: .regularExpression)
                let client = path.hasSuffix("/auth/login") ? TestClient(baseURL: server.baseURL) : admin
                // With its Idempotency-Key, whose absence would be the 400 answered first.
                let response = try await client.send(parts[0], path, body: body, headers: [("Idempotency-Key", UUID().uuidString)])
                #expect(response.status == 413, "\(operation)")
                #expect(response.errorCode == "VALIDATION_ERROR" && response.errorField == "body", "\(operation)")
            }
        }
    }
}
