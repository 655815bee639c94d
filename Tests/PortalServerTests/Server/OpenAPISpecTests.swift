import Foundation
import Logging
import PortalTestSupport
import Testing
import Yams
@testable import PortalServer

@Suite("openapi.yaml agrees with the router")
struct OpenAPISpecTests {
    static let specURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("openapi.yaml")

    static let httpMethods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]

    /// `METHOD /path/{param}` of every operation in the spec.
    static func specRoutes() throws -> Set<String> {
        let text = try String(contentsOf: specURL, encoding: .utf8)
        let spec = try #require(try Yams.load(yaml: text) as? [String: Any])
        let paths = try #require(spec["paths"] as? [String: Any])
        var routes: Set<String> = []
        for (path, item) in paths {
            let operations = try #require(item as? [String: Any])
            for method in operations.keys where httpMethods.contains(method) {
                routes.insert("\(method.uppercased()) \(path)")
            }
        }
        return routes
    }

    static func routerRoutes() async throws -> Set<String> {
        var configuration = ServerConfiguration(jwtSecret: Array(TestServer.secret.utf8))
        configuration.databasePath = ":memory:"
        let (router, _) = try await PortalApplication.makeRouter(configuration, clock: .system, logger: Logger(label: "spec-test"))
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
}
