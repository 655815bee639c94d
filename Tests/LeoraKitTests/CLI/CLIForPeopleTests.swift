import Foundation
import LeoraKit
import PortalAPI
import PortalTestSupport
import Testing

/// The commands as a person uses them: names they know, values they can type back, clear refusals.
@Suite("The leora commands for people")
struct CLIForPeopleTests {
    @Test func ordersAreShownAndCancelledByTheirNumber() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let leora = LeoraCommand(server: server.baseURL, stateDirectory: directory.url)
            #expect(try await leora.login().status == 0)
            let rep = try await server.login("rep@northwind.test")
            let pending = try #require(try await rep.get("\(Routes.orders)?status=pending").data(OrdersPage.self).orders.first)
            let shown = try await leora.run(["orders", "show", pending.orderNumber])
            #expect(shown.status == 0, "\(shown.stderr)")
            #expect(shown.stdout.contains(pending.orderNumber))
            let lower = try await leora.run(["orders", "show", pending.orderNumber.lowercased()])
            #expect(lower.status == 0, "\(lower.stderr)")
            let cancelled = try await leora.run(["orders", "cancel", pending.orderNumber])
            #expect(cancelled.status == 0, "\(cancelled.stderr)")
            #expect(try await rep.get(Routes.order(pending.id)).data(OrderPayload.self).order.status == "cancelled")
            #expect(try await leora.run(["orders", "show", pending.id]).status == 0, "an id still works")
        }
    }

    @Test func theIdsCartShowPrintsAreTheOnesCartSetAndRemoveTake() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let leora = LeoraCommand(server: server.baseURL, stateDirectory: directory.url)
            #expect(try await leora.login().status == 0)
            let rep = try await server.login("rep@northwind.test")
            let products = try await rep.productsInStock(minimum: 5)
            #expect(try await leora.run(["cart", "add", products[0].sku, "2"]).status == 0)
            #expect(try await leora.run(["cart", "add", products[1].sku, "1"]).status == 0)
            let shown = try await leora.run(["cart"])
            let row = try #require(shown.stdout.split(separator: "\n").first { $0.contains(products[0].sku) })
            let printedId = String(try #require(row.split(separator: " ").first))
            let set = try await leora.run(["cart", "set", printedId, "3"])
            #expect(set.status == 0, "the printed id \(printedId) is accepted: \(set.stderr)")
            #expect(try await rep.currentCart().items.first { $0.productId == products[0].id }?.quantity == 3)
            let bySku = try await leora.run(["cart", "remove", products[1].sku])
            #expect(bySku.status == 0, "\(bySku.stderr)")
            #expect(try await rep.currentCart().items.map(\.productId) == [products[0].id])
        }
    }

    @Test(arguments: [
        ["orders", "list", "--status", "bogus"], ["orders", "list", "--limit", "500"], ["orders", "list", "--page", "0"],
        ["products", "list", "--limit", "0"], ["customers", "list", "--page", "-1"], ["cart", "add", "SKU", "0"],
    ])
    func badOptionValuesAreUsageErrors(arguments: [String]) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let result = try await LeoraCommand(server: "http://127.0.0.1:9", stateDirectory: directory.url).run(arguments)
        #expect(result.status == 64, "\(arguments): \(result.status) \(result.stderr)")
    }

    @Test func aRateLimitSaysTryAgainOnce() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let leora = LeoraCommand(server: server.baseURL, stateDirectory: directory.url)
            for _ in 0..<5 { _ = try await leora.run(["login", "--email", "rep@northwind.test", "--password-stdin"], input: "wrong\n") }
            let limited = try await leora.run(["login", "--email", "rep@northwind.test", "--password-stdin"], input: "wrong\n")
            #expect(limited.status == 1)
            #expect(limited.stderr.components(separatedBy: "try again").count == 2, "one 'try again': \(limited.stderr)")
        }
    }

    @Test func timesAreInTheTenantsTimeZone() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let leora = LeoraCommand(server: server.baseURL, stateDirectory: directory.url)
            #expect(try await leora.login("rep@fjord.test").status == 0)
            let rep = try await server.login("rep@fjord.test")
            let order = try #require(try await rep.get(Routes.orders).data(OrdersPage.self).orders.first)
            let shown = try await leora.run(["orders", "show", order.id])
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "Europe/Oslo")!
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: order.createdAt)
            let expected = String(format: "%04d-%02d-%02d %02d:%02d", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!)
            #expect(shown.stdout.contains("\(expected) Europe/Oslo"), "\(shown.stdout)")
        }
    }

    @Test func readsAreRetriedAfterA429HonouringRetryAfter() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer({ $0.requestRateLimit = ("GET", 1) }) { server in
            let leora = LeoraCommand(server: server.baseURL, stateDirectory: directory.url)
            #expect(try await leora.login().status == 0)
            let rep = try await server.login("rep@northwind.test")
            try await Task.sleep(for: .milliseconds(1_100))  // each second allows one GET from this address
            let order = try #require(try await rep.get(Routes.orders).data(OrdersPage.self).orders.first)
            try await Task.sleep(for: .milliseconds(1_100))
            // Showing by number makes two reads in the same second: the second is limited and retried.
            let shown = try await leora.run(["orders", "show", order.orderNumber])
            #expect(shown.status == 0, "\(shown.stderr)")
            #expect(shown.stdout.contains(order.orderNumber))
        }
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func shellCompletionsAreGenerated(shell: String) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let result = try await LeoraCommand(server: "http://127.0.0.1:9", stateDirectory: directory.url)
            .run(["--generate-completion-script", shell], serverFlag: false)
        #expect(result.status == 0)
        #expect(result.stdout.contains("checkout") && result.stdout.contains("orders"), "\(shell): \(result.stdout.prefix(200))")
    }
}
