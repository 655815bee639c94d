import Foundation
import PortalAPI
import PortalTestSupport
import Testing

/// A portal serving names, notes and messages full of terminal control sequences: every command prints
/// them as readable placeholders, never as control, and `--json` escapes what JSON encoders pass raw.
@Suite("Server text printed by the leora commands is terminal-safe")
struct HostileTextCLITests {
    @Test func tablesDetailsAndJSONShowHostileNamesAndNotesSafely() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.url.appendingPathComponent("portal.sqlite").path
        try await PortalProcess.with(["--seed", "demo", "--bcrypt-cost", "4", "--database", database]) { (portal: PortalProcess) async throws in
            let records = try await HostileText.plant(portal: portal.baseURL, databasePath: database)
            let leora = LeoraCommand(server: portal.baseURL, stateDirectory: directory.url.appendingPathComponent("state"))
            #expect(try await leora.login().status == 0)

            let products = try await leora.run(["products", "list", "--query", "evil"])
            expectSafe(products)
            #expect(products.stdout.contains("Evil Rioja ␛]0;PWNED-TITLE␇␛]52;c;"), "\(products.stdout)")
            expectNoForgedRows(products.stdout)

            let product = try await leora.run(["products", "show", records.productId])
            expectSafe(product)
            #expect(product.stdout.contains(HostileText.productNameShown + " ("), "the whole name on its own line: \(product.stdout)")

            let customers = try await leora.run(["customers", "list", "--limit", "100"])
            expectSafe(customers)
            #expect(customers.stdout.contains("Bodega ␛[31mRoja␛[0m"), "\(customers.stdout)")
            expectNoForgedRows(customers.stdout)

            let orders = try await leora.run(["orders", "list", "--limit", "5"])
            expectSafe(orders)
            #expect(orders.stdout.contains(HostileText.orderNumberShown), "\(orders.stdout)")
            #expect(orders.stdout.contains("Bodega ␛[31mRoja"), "\(orders.stdout)")
            expectNoForgedRows(orders.stdout)

            let order = try await leora.run(["orders", "show", records.orderId])
            expectSafe(order)
            #expect(order.stdout.contains("Order \(HostileText.orderNumberShown) (\(records.orderId))"), "\(order.stdout)")
            #expect(order.stdout.contains("Customer: \(HostileText.customerNameShown)\n"), "\(order.stdout)")
            #expect(order.stdout.contains("Notes:    \(HostileText.notesShown)\n"), "\(order.stdout)")
            expectNoForgedRows(order.stdout)

            let added = try await leora.run(["cart", "add", records.productId, "1"])
            expectSafe(added)
            #expect(added.stdout.contains("Added 1 × \(HostileText.productNameShown)\n"), "\(added.stdout)")
            expectNoForgedRows(added.stdout)

            // --json: the same strings, C1 controls and bidirectional overrides escaped, nothing lost.
            let productsJSON = try await leora.run(["--json", "products", "list", "--query", "evil"])
            expectSafe(productsJSON)
            #expect(productsJSON.stdout.lowercased().contains(#"\u001b]0;pwned-title\u0007"#), "\(productsJSON.stdout)")
            #expect(productsJSON.stdout.contains(#"\u009b6n\u202elanruoj\nFORGED"#), "\(productsJSON.stdout)")
            let listing = try PortalJSON.decoder().decode(ProductsListingJSON.self, from: Data(productsJSON.stdout.utf8))
            #expect(listing.products.first?.name == HostileText.productName)

            let orderJSON = try await leora.run(["--json", "orders", "show", records.orderId])
            expectSafe(orderJSON)
            #expect(orderJSON.stdout.contains(#"\u2066Isolate\u2069\u200f\r\nFORGED"#), "\(orderJSON.stdout)")
            let decoded = try PortalJSON.decoder().decode(Order.self, from: Data(orderJSON.stdout.utf8))
            #expect(decoded.orderNumber == HostileText.orderNumber && decoded.notes == HostileText.notes && decoded.customer.name == HostileText.customerName)
        }
    }

    @Test func hostileHealthAndErrorMessagesFromAServerArePrintedSafely() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withHostileServer { server in
            let leora = LeoraCommand(server: server.baseURL, stateDirectory: directory.url)

            let health = try await leora.run(["health"])
            expectSafe(health)
            #expect(health.status == 0, "\(health.stderr)")
            #expect(health.stdout.contains("Status:   healthy ␛]0;PWNED-HEALTH␇\u{FFFD}6n"), "\(health.stdout)")
            #expect(health.stdout.contains("Database: up␊FORGED: down (4 ms)"), "\(health.stdout)")

            let login = try await leora.run(["login", "--email", "rep@northwind.test", "--password-stdin"], input: "leora-demo\n")
            expectSafe(login)
            #expect(login.status == 1)
            #expect(login.stderr == "leora: \(HostileServer.messageShown)\n", "\(login.stderr)")

            let healthJSON = try await leora.run(["--json", "health"])
            expectSafe(healthJSON)
            #expect(healthJSON.stdout.lowercased().contains(#"healthy \u001b]0;pwned-health\u0007\u009b6n\u202e"#), "\(healthJSON.stdout)")
        }
    }

    private func expectSafe(_ result: LeoraCommand.Result, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(HostileText.controlCharacters(in: result.stdout).isEmpty, "stdout: \(result.stdout.debugDescription)", sourceLocation: sourceLocation)
        #expect(HostileText.controlCharacters(in: result.stderr).isEmpty, "stderr: \(result.stderr.debugDescription)", sourceLocation: sourceLocation)
    }

    /// No line of `output` starts with the text that follows a line break in a hostile string.
    private func expectNoForgedRows(_ output: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let forged = output.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("FORGED") }
        #expect(forged.isEmpty, "\(output)", sourceLocation: sourceLocation)
    }
}
