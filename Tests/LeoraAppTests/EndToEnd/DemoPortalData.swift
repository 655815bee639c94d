import Foundation
import LeoraApp
import PortalAPI
import PortalTestSupport
import Testing

/// A demo account and what its role may do.
struct DemoUser: Sendable, CustomTestStringConvertible {
    static let rep = DemoUser(email: "rep@northwind.test", role: .salesRep)
    /// The only one who sees Webhooks (the rep's briefing has the links and customers, the admin's none).
    static let admin = DemoUser(email: "admin@northwind.test", role: .admin)

    let email: String
    let role: Role

    var permissions: Set<Permission> { Set(role.permissions) }
    var testDescription: String { email }

    /// Who drives `tab` in the end-to-end tests: the rep, but for the admin's Webhooks.
    static func driving(_ tab: AppTab) -> DemoUser { tab == .webhooks ? admin : rep }
}

/// A demo user's data on a running portal, read and set over the contract (as another client
/// would), for states that need something to act on: a cart with lines and a customer, webhook
/// subscriptions. The keys under test then change it; these put it back.
struct DemoPortalData: Sendable {
    let user: DemoUser
    let client: TestClient

    static func logIn(_ portal: PortalProcess, as user: DemoUser) async throws -> DemoPortalData {
        let client = TestClient(baseURL: portal.baseURL)
        let response = try await client.post(Routes.login, json: ["email": .string(user.email), "password": .string(TestServer.password)])
        guard response.status == 200 else { throw TestFailure("login of \(user.email) answered \(response.status): \(response.text)") }
        return DemoPortalData(user: user, client: client)
    }

    /// Gives the cart at least `lines` lines of at least `quantity` each, of products in stock, and a
    /// customer. Returns whether anything had to change (the terminal then needs to fetch the cart again).
    @discardableResult
    func fillCart(lines: Int = 3, quantity: Int = 3) async throws -> Bool {
        var cart = try await self.cart()
        var changed = false
        for item in cart.items where item.quantity < quantity {
            try await expect(client.send("PATCH", Routes.cartItem(item.id), body: TestClient.encode(["quantity": .number(Double(quantity))])))
            changed = true
        }
        if cart.items.count < lines {
            let products = try await client.get(Routes.products + "?limit=100").data(ProductsPage.self).products
            let inCart = Set(cart.items.map(\.productId))
            let candidates = products.filter { $0.active && $0.inventory.available >= 50 && !inCart.contains($0.id) }
            for product in candidates.prefix(lines - cart.items.count) {
                try await expect(client.post(Routes.cartItems, json: ["productId": .string(product.id), "quantity": .number(Double(quantity))]))
            }
            changed = true
        }
        cart = try await self.cart()
        if cart.customer == nil {
            let customers = try await client.get(Routes.customers + "?limit=5").data(CustomersPage.self).customers
            guard let customer = customers.first else { throw TestFailure("the demo portal has no customers") }
            try await expect(client.send("PUT", Routes.cartCustomer, body: TestClient.encode(["customerId": .string(customer.id)])))
            changed = true
        }
        return changed
    }

    /// Makes sure the tenant has at least `count` webhook subscriptions (to loopback addresses: the
    /// portal must run with `--allow-private-webhooks`). Returns whether it created any.
    @discardableResult
    func ensureSubscriptions(_ count: Int = 3) async throws -> Bool {
        let existing = try await client.get(Routes.webhookSubscriptions).data(WebhookSubscriptionsList.self).subscriptions
        guard existing.count < count else { return false }
        for index in existing.count..<count {
            try await expect(
                client.post(
                    Routes.webhookSubscriptions,
                    json: ["eventType": .string(WebhookEventType.allCases[index % 2].rawValue), "url": .string("http://127.0.0.1:9/leora-e2e-\(index)")]))
        }
        return true
    }

    private func cart() async throws -> Cart {
        try await client.get(Routes.cart).data(CartPayload.self).cart
    }

    private func expect(_ response: TestResponse) throws {
        guard (200..<300).contains(response.status) else { throw TestFailure("the portal answered \(response.status): \(response.text)") }
    }
}
