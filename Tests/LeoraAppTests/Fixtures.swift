import Foundation
import LeoraKit
import PortalAPI
import TerminalUI
import Testing

@testable import LeoraApp

/// Fixed values and fake dependencies for the app's tests.
enum Fixtures {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18 ~ UTC
    static let chicago = TimeZone(identifier: "America/Chicago") ?? .current

    static let tenant = Tenant(id: "ten_nw", slug: "northwind", name: "Northwind Wine & Spirits", currency: "USD", timezone: "America/Chicago")

    static func session(roles: [Role] = [.salesRep]) -> SavedSession {
        SavedSession(
            server: "http://127.0.0.1:8787", cookies: [],
            user: PortalUser(id: "usr_1", email: "rep@northwind.test", name: "Maya Okafor", tenantId: "ten_nw", roles: roles.map(\.rawValue), lastLoginAt: nil),
            tenant: tenant, permissions: Role.permissions(for: roles.map(\.rawValue)), savedAt: now)
    }

    static func briefing(confidence: Double = 0.82) -> BriefingPayload {
        BriefingPayload(
            briefing: AIBriefingOutput(
                summary: "Revenue over the last 4 weeks was $158,915.98 from 78 orders, down 7% on the 4 weeks before. Six orders are still pending.",
                keyMetrics: [
                    .init(label: "Revenue (last 4 weeks)", value: "$158,915.98", trend: .down),
                    .init(label: "Recent Orders", value: "19", trend: .up),
                    .init(label: "At-Risk Accounts", value: "4", trend: .stable),
                ],
                recommendedActions: [
                    .init(title: "Review pending orders", description: "Six are waiting.", priority: .low),
                    .init(title: "Call Таверна Одеса", description: "54 days since their last order.", priority: .high),
                    .init(title: "Offer Yamazaki 12", description: "Smoke & Barrel BBQ never ordered it.", priority: .medium),
                ],
                drillDownLinks: [.init(label: "Pending orders", url: "/portal/orders?status=pending")],
                confidence: confidence, sourceDatasets: ["orders", "customers", "products"]),
            generatedAt: now.addingTimeInterval(-3600), expiresAt: now.addingTimeInterval(6 * 3600), cached: false)
    }

    /// Twelve weeks of revenue, two customers at risk (one healthy), two behind pace (one on pace).
    static let metrics = InsightsMetrics(
        healthScores: [
            .init(customerId: "cus_1", customerName: "Zürich Weinstube", score: 82, trend: .up, lastOrderAt: now.addingTimeInterval(-3 * 86_400)),
            .init(customerId: "cus_3", customerName: "Таверна Одеса", score: 23, trend: .down, lastOrderAt: now.addingTimeInterval(-54 * 86_400)),
            .init(customerId: "cus_2", customerName: "Smoke & Barrel BBQ", score: 41, trend: .stable, lastOrderAt: now.addingTimeInterval(-20 * 86_400)),
        ],
        paceDeviations: [
            .init(customerId: "cus_2", customerName: "Smoke & Barrel BBQ", expectedIntervalDays: 9, daysSinceLastOrder: 20, deviation: 20.0 / 9),
            .init(customerId: "cus_1", customerName: "Zürich Weinstube", expectedIntervalDays: 7, daysSinceLastOrder: 3, deviation: 3.0 / 7),
        ],
        revenueTrends: (0..<12).map { week in
            .init(periodStart: now.addingTimeInterval(Double(week - 12) * 7 * 86_400), revenueCents: 3_000_000 + week * 250_000, orderCount: 20 + week)
        },
        opportunities: [])

    static let health = HealthReport(
        status: "degraded",
        checks: .init(database: .init(status: "up", responseTime: 2), openai: .init(status: "not_configured"), webhooks: .init(status: "up", queueDepth: 3)),
        timestamp: now)

    static func order(_ number: Int, status: String = "pending") -> Order {
        Order(
            id: "ord_\(number)", orderNumber: "NW-\(number)", status: status, customer: CustomerReference(id: "cus_1", name: "Zürich Weinstube"),
            placedBy: "usr_1", createdAt: now.addingTimeInterval(Double(-(number % 100)) * 3600), updatedAt: now,
            lines: [
                OrderLine(id: "l1", productId: "p1", sku: "SPK-104", name: "Prosecco DOC", quantity: 3, unitPriceCents: 13800, lineTotalCents: 41400),
                OrderLine(id: "l2", productId: "p2", sku: "WHT-110", name: "Gewürztraminer Réserve 2020", quantity: 12, unitPriceCents: 3100, lineTotalCents: 37200),
            ],
            itemCount: 15, subtotalCents: 78600, taxCents: 6485, totalCents: 85085, currency: "USD", notes: nil)
    }

    /// Dependencies that answer with fixtures and fail the test when something unexpected is called.
    static func dependencies(
        login: @escaping @Sendable (String, String) async throws -> SavedSession = { _, _ in session() },
        briefing: @escaping @Sendable () async throws -> BriefingPayload = { briefing() },
        health: @escaping @Sendable () async throws -> HealthReport = { health },
        metrics: @escaping @Sendable () async throws -> InsightsMetrics = { metrics },
        orders: @escaping @Sendable (OrdersFilter, Int, Int) async throws -> OrdersPageResult = { _, page, limit in
            let start = (page - 1) * limit
            return OrdersPageResult(orders: (start..<min(start + limit, 120)).map { order(10_000 + $0) }, page: page, total: 120)
        },
        restore: SessionState = .loggedOut(reason: nil),
        cart: @escaping @Sendable () async throws -> Cart = { throw LoadFailure(message: "no cart in tests") },
        products: @escaping @Sendable (String?) async throws -> [Product] = { query in Fixtures.products(matching: query) },
        inventory: @escaping @Sendable ([String]) async throws -> [Inventory] = { ids in
            ids.map { Inventory(productId: $0, onHand: 7, reserved: 2, available: 5, updatedAt: now) }
        },
        customers: @escaping @Sendable (String?) async throws -> [Customer] = { query in Fixtures.customers(matching: query) },
        addToCart: @escaping @Sendable (_ productId: String, Int) async throws -> Cart = { productId, quantity in
            guard let product = catalogue.first(where: { $0.id == productId }) else { return Fixtures.cart(version: 8) }
            return CartEstimate.adding(product, quantity: quantity, to: Fixtures.cart(version: 8)) ?? Fixtures.cart()
        },
        setCartQuantity: @escaping @Sendable (String, Int) async throws -> Cart = { id, quantity in
            var cart = CartEstimate.setting(id, quantity: quantity, in: Fixtures.cart()) ?? Fixtures.cart()
            cart.version = 8
            return cart
        },
        removeFromCart: @escaping @Sendable (String) async throws -> Cart = { id in
            var cart = CartEstimate.setting(id, quantity: 0, in: Fixtures.cart()) ?? Fixtures.cart()
            cart.version = 8
            return cart
        },
        setCartCustomer: @escaping @Sendable (_ customerId: String?) async throws -> Cart = { customerId in
            var cart = Fixtures.cart(version: 8)
            cart.customer = customerId.flatMap { id in customerList.first { $0.id == id } }.map { CustomerReference(id: $0.id, name: $0.name) }
            return cart
        },
        checkout: @escaping @Sendable (Int) async throws -> Order = { _ in order(10_500) },
        cancelOrder: @escaping @Sendable (String) async throws -> Order = { id in order(Int(id.dropFirst(4)) ?? 0, status: "cancelled") },
        product: @escaping @Sendable (String) async throws -> Product = { id in
            guard let product = catalogue.first(where: { $0.id == id }) else { throw LoadFailure(message: "Not found.", code: "NOT_FOUND") }
            return product
        }
    ) -> AppDependencies {
        let cache = QueryClient(clock: FixedClock(), retryPolicy: .never)
        return AppDependencies(
            now: { now }, sleep: { _ in },
            session: SessionClient(restore: { restore }, login: login, ended: { await cache.clear() }),
            insights: InsightsClient(briefing: { .single(briefing) }, metrics: { .single(metrics) }, health: health),
            orders: OrdersClient(
                page: { filter, page, limit in .single { try await orders(filter, page, limit) } }, order: { id in .single { order(Int(id.dropFirst(4)) ?? 0) } },
                cancel: cancelOrder),
            catalog: CatalogClient(products: { query in .single { try await products(query) } }, product: product, inventory: inventory, customers: customers),
            customers: CustomersClient(
                page: { query, page, limit in
                    .single {
                        let found = try await customers(query)
                        let start = min(found.count, (page - 1) * limit)
                        return CustomersPageResult(customers: Array(found[start..<min(found.count, start + limit)]), page: page, total: found.count)
                    }
                },
                customer: { id in
                    .single {
                        guard let customer = try await customers(nil).first(where: { $0.id == id }) else { throw LoadFailure(message: "Not found.", code: "NOT_FOUND") }
                        return customer
                    }
                }),
            cart: PortalCart(
                cache: cache,
                requests: CartRequests(
                    fetch: { _ in .modified(try await cart(), etag: nil) }, add: addToCart, setQuantity: setCartQuantity, remove: removeFromCart,
                    setCustomer: setCartCustomer, checkout: { pending in try await checkout(pending.request.expectedVersion ?? 0) })))
    }

    static func product(
        _ id: String, sku: String, name: String, unit: String = "case", packSize: Int = 12, priceCents: Int, available: Int = 40,
        brand: String = "Bodegas Muga", category: String = "Red Wine"
    ) -> Product {
        Product(
            id: id, sku: sku, name: name, brand: brand, category: category,
            description: "Cherry, tobacco and vanilla from two years in oak; a steady seller with grilled meats.", unitPriceCents: priceCents,
            currency: "USD", unit: unit, packSize: packSize, active: true,
            inventory: Inventory(productId: id, onHand: available + 3, reserved: 3, available: available, updatedAt: now))
    }

    static let catalogue: [Product] = [
        product("prd_1", sku: "RED-201", name: "Rioja Reserva 2018", priceCents: 21600),
        product("prd_2", sku: "SPK-104", name: "Prosecco DOC", packSize: 6, priceCents: 13800, available: 0, brand: "Valdo", category: "Sparkling"),
        product("prd_3", sku: "WSK-310", name: "Yamazaki 12", unit: "bottle", packSize: 1, priceCents: 16500, available: 9, brand: "Suntory", category: "Whisky"),
    ]

    static func products(matching query: String?) -> [Product] {
        guard let query, !query.isEmpty else { return catalogue }
        return catalogue.filter { $0.name.localizedCaseInsensitiveContains(query) }
    }

    static let customerList: [Customer] = [
        Customer(id: "cus_1", name: "Zürich Weinstube", accountNumber: "NW-0001", city: "Chicago", healthScore: 82, lastOrderAt: nil),
        Customer(id: "cus_2", name: "Smoke & Barrel BBQ", accountNumber: "NW-0002", city: "Evanston", healthScore: 55, lastOrderAt: nil),
    ]

    static func customers(matching query: String?) -> [Customer] {
        guard let query, !query.isEmpty else { return customerList }
        return customerList.filter { $0.name.localizedCaseInsensitiveContains(query) }
    }

    /// A cart of a case of Rioja (×3) and two bottles of Yamazaki, version 7.
    static func cart(version: Int = 7, customer: CustomerReference? = nil) -> Cart {
        Cart(
            id: "crt_1", customer: customer,
            items: [
                CartItem(id: "itm_1", productId: "prd_1", sku: "RED-201", name: "Rioja Reserva 2018", unit: "case", quantity: 3, unitPriceCents: 21600, lineTotalCents: 64800),
                CartItem(id: "itm_2", productId: "prd_3", sku: "WSK-310", name: "Yamazaki 12", unit: "bottle", quantity: 2, unitPriceCents: 16500, lineTotalCents: 33000),
            ],
            itemCount: 5, subtotalCents: 97800, taxCents: 8069, totalCents: 105_869, currency: "USD", version: version, updatedAt: now)
    }

    static func render(_ state: AppState, width: Int = 80, height: Int = 24, now: Date = Fixtures.now) -> [String] {
        var buffer = Buffer(width: width, height: height)
        AppView.render(state, context: RenderContext(now: now, timeZone: chicago), into: &buffer)
        return buffer.lines(trimmingTrailingSpaces: true)
    }

    /// A logged-in app on `tab`.
    static func mainState(tab: AppTab = .briefing, roles: [Role] = [.salesRep]) -> AppState {
        var state = AppState(server: "http://127.0.0.1:8787")
        state.phase = .main
        state.session = session(roles: roles)
        state.tab = tab
        state.cart.cart = smallCart
        state.cart.isObserving = true
        return state
    }

    /// Three cases of Rioja: the cart of `mainState` (the tab bar says 3).
    static let smallCart = Cart(
        id: "crt_1", customer: nil,
        items: [CartItem(id: "itm_1", productId: "prd_1", sku: "RED-201", name: "Rioja Reserva 2018", unit: "case", quantity: 3, unitPriceCents: 21600, lineTotalCents: 64800)],
        itemCount: 3, subtotalCents: 64800, taxCents: 5346, totalCents: 70146, currency: "USD", version: 6, updatedAt: now)
}

/// The query cache's clock in tests: always `Fixtures.now` (nothing goes stale by itself), and real
/// waits measured from it.
struct FixedClock: QueryClock {
    var now: Date { Fixtures.now }
    func sleep(until deadline: Date) async throws {
        try await Task.sleep(for: .seconds(max(0, deadline.timeIntervalSince(Fixtures.now))))
    }
}

/// Compares a rendered screen with the expected lines, printing both screens when they differ.
func expectScreen(_ actual: [String], _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    var trimmed = actual
    while trimmed.last == "" { trimmed.removeLast() }
    var expectedTrimmed = expected
    while expectedTrimmed.last == "" { expectedTrimmed.removeLast() }
    if trimmed != expectedTrimmed {
        let numbered = { (lines: [String]) in lines.enumerated().map { String(format: "%2d│", $0.offset) + $0.element }.joined(separator: "\n") }
        Issue.record("Screen differs.\n--- actual ---\n\(numbered(actual))\n--- expected ---\n\(numbered(expected))", sourceLocation: sourceLocation)
    }
}

/// Whether `lines` contain `text` somewhere (for checks that should not pin the whole screen).
func screenContains(_ lines: [String], _ text: String) -> Bool { lines.contains { $0.contains(text) } }

extension AppReducer {
    /// `reduce`, then every action the effects send straight back, as the runtime does (the panes'
    /// delegate requests reach the app); returns what is left to perform.
    static func sending(into state: inout AppState, _ action: AppAction, _ dependencies: AppDependencies) -> Effect<AppAction> {
        send(action, into: &state, dependencies)
    }
}

extension AppAction {
    /// Whether this is an orders page arriving (to feed back only those from a collected effect).
    var isOrdersPage: Bool {
        if case .pageLoaded? = action(of: OrdersScreen.self) { return true }
        return false
    }
}
