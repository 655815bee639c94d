import Foundation
import LeoraKit
import PortalAPI
import PortalTestSupport
import Testing

@Suite("The leora commands against a real portal process")
struct LeoraCLITests {
    @Test func loginWhoamiAndListsWithExitCodes() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await PortalProcess.with(["--seed", "demo", "--bcrypt-cost", "4"]) { (portal: PortalProcess) async throws in
            let leora = LeoraCommand(server: portal.baseURL, stateDirectory: directory.url)
            let notLoggedIn = try await leora.run(["orders", "list"])
            #expect(notLoggedIn.status == 3)
            #expect(notLoggedIn.stderr.contains("leora login"))

            let wrong = try await leora.run(["login", "--email", "rep@northwind.test", "--password-stdin"], input: "nope\n")
            #expect(wrong.status == 1)
            #expect(wrong.stderr.contains("Invalid email or password"))

            let login = try await leora.login()
            #expect(login.status == 0, "\(login.stderr)")
            #expect(login.stdout.contains("Maya Okafor"))

            let whoami = try await leora.run(["whoami"])
            #expect(whoami.status == 0)
            #expect(whoami.stdout.contains("Northwind"))

            // Global options before the subcommand work too.
            let orders = try await leora.run(["--json", "orders", "list", "--status", "pending", "--limit", "5"])
            #expect(orders.status == 0, "\(orders.stderr)")
            let decoded = try PortalJSON.decoder().decode(OrdersListingJSON.self, from: Data(orders.stdout.utf8))
            #expect(!decoded.orders.isEmpty && decoded.orders.allSatisfy { $0.status == "pending" })
            #expect(decoded.pagination.limit == 5)

            let table = try await leora.run(["customers", "list", "--limit", "100"])
            #expect(table.status == 0)
            #expect(table.stdout.contains("HEALTH"))

            let usage = try await leora.run(["orders", "list", "--page"])
            #expect(usage.status == 64)

            let missing = try await leora.run(["orders", "show", "ord_missing"])
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("not found"))

            let logout = try await leora.run(["logout"])
            #expect(logout.status == 0)
            #expect(try await leora.run(["whoami"]).status == 3)
        }
    }

    @Test func aCartIsBuiltAndCheckedOutFromTheCommandLine() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await PortalProcess.with(["--seed", "demo", "--bcrypt-cost", "4"]) { (portal: PortalProcess) async throws in
            let leora = LeoraCommand(server: portal.baseURL, stateDirectory: directory.url)
            #expect(try await leora.login().status == 0)
            let products = try await leora.run(["--json", "products", "list", "--limit", "100"])
            let listing = try PortalJSON.decoder().decode(ProductsListingJSON.self, from: Data(products.stdout.utf8))
            let product = try #require(listing.products.first { $0.active && $0.inventory.available >= 2 })
            let customers = try await leora.run(["--json", "customers", "list"])
            let customer = try #require(try PortalJSON.decoder().decode(CustomersListingJSON.self, from: Data(customers.stdout.utf8)).customers.first)

            let added = try await leora.run(["cart", "add", product.sku, "2"])
            #expect(added.status == 0, "\(added.stderr)")
            #expect(added.stdout.contains(product.name))
            let tooMany = try await leora.run(["cart", "add", product.id, "\(product.inventory.available)"])
            #expect(tooMany.status == 1)
            #expect(tooMany.stderr.contains("requested"))
            #expect(try await leora.run(["cart", "customer", customer.id]).status == 0)
            let checkout = try await leora.run(["--json", "checkout", "--yes", "--notes", "CLI order"])
            #expect(checkout.status == 0, "\(checkout.stderr)")
            let order = try PortalJSON.decoder().decode(Order.self, from: Data(checkout.stdout.utf8))
            #expect(order.notes == "CLI order")
            #expect(order.lines.first?.quantity == 2)
            let cart = try await leora.run(["cart"])
            #expect(cart.stdout.contains("The cart is empty"))
            let cancel = try await leora.run(["orders", "cancel", order.id])
            #expect(cancel.status == 0, "\(cancel.stderr)")
        }
    }

    @Test func twoProcessesShareOneSessionThroughManyRefreshes() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        // Access tokens live 2 s, so every command refreshes first; a retired token is refused after 1 s.
        try await PortalProcess.with(
            ["--seed", "demo", "--bcrypt-cost", "4", "--dev", "--access-ttl", "2", "--refresh-grace", "1"]
        ) { (portal: PortalProcess) async throws in
            let leora = LeoraCommand(server: portal.baseURL, stateDirectory: directory.url)
            #expect(try await leora.login().status == 0)
            for round in 0..<4 {
                async let first = leora.run(["cart"])
                async let second = leora.run(["orders", "list", "--limit", "1"])
                let results = try await [first, second]
                for result in results {
                    #expect(result.status == 0, "round \(round): \(result.stderr)")
                }
                try await Task.sleep(for: .milliseconds(600))
            }
            #expect(try await leora.run(["whoami"]).status == 0, "still logged in")
        }
    }

    @Test func noCommandPrintsATokenEvenWhenItFails() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await PortalProcess.with(["--seed", "demo", "--bcrypt-cost", "4"]) { (portal: PortalProcess) async throws in
            let leora = LeoraCommand(server: portal.baseURL, stateDirectory: directory.url)
            _ = try await leora.login()
            let file = LeoraPaths(environment: ["XDG_STATE_HOME": directory.url.path]).profile(.standard).sessionFile
            let saved = try #require(try file.read())
            var outputs: [LeoraCommand.Result] = []
            for arguments in [["whoami"], ["--json", "whoami"], ["orders", "show", "x"], ["cart", "set", "nope", "1"], ["briefing"], ["health"]] {
                outputs.append(try await leora.run(arguments))
            }
            for output in outputs {
                for cookie in saved.cookies {
                    #expect(!output.stdout.contains(cookie.value))
                    #expect(!output.stderr.contains(cookie.value))
                }
            }
        }
    }
}

struct OrdersListingJSON: Decodable { var orders: [Order]; var pagination: Pagination }
struct ProductsListingJSON: Decodable { var products: [Product]; var pagination: Pagination }
struct CustomersListingJSON: Decodable { var customers: [Customer]; var pagination: Pagination }
