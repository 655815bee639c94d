#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI
import PortalTestSupport
import Testing

@testable import PortalServer

@Suite("Bench seed dataset")
struct BenchSeedTests {
    let anchor = Date(timeIntervalSince1970: 1_795_000_000.5)

    @Test("Exactly the requested number of orders", arguments: [0, 1, 7, 2_500])
    func exactCount(orders: Int) {
        #expect(SeedDataset.bench(orders: orders, anchor: anchor).orders.count == orders)
    }

    @Test("Same directory as the demo, every order placed by rep@northwind.test")
    func directoryAndPlacer() {
        let bench = SeedDataset.bench(orders: 3_000, anchor: anchor)
        let demo = SeedDataset.demo(anchor: anchor)
        #expect(bench.tenants == demo.tenants)
        #expect(bench.users == demo.users)
        #expect(bench.products == demo.products)
        #expect(bench.customers == demo.customers)
        let rep = SeedChecks.user(bench, "rep@northwind.test")
        #expect(bench.orders.allSatisfy { $0.placedBy == rep.id && $0.tenantId == rep.tenantId })
        #expect(Set(bench.orders.map(\.customerId)).count >= 25)
    }

    @Test("Deterministic, well formed and in order")
    func wellFormed() {
        let bench = SeedDataset.bench(orders: 5_000, anchor: anchor)
        #expect(bench == SeedDataset.bench(orders: 5_000, anchor: anchor))
        SeedChecks.expectUniqueIds(bench)
        SeedChecks.expectTenantConsistency(bench)
        SeedChecks.expectDates(bench, anchor: anchor)
        SeedChecks.expectChronological(bench)
        SeedChecks.expectPlausibleLines(bench)
        #expect(bench.orders.last?.orderNumber == "NW-15000")
        let statuses = Set(bench.orders.map(\.status))
        #expect(statuses == ["pending", "confirmed", "shipped", "delivered", "cancelled"])
    }

    @Test("--seed bench:N loads the rep's N orders (on the suite's backend)")
    func loadedByTheServer() async throws {
        try await withServer({ $0.seed = "bench:1500" }) { server in
            let rep = try await server.login("rep@northwind.test")
            let page = try await rep.get("\(Routes.orders)?limit=100&page=15")
            #expect(page.status == 200)
            #expect(page.json["meta"]?["pagination"]?["total"]?.intValue == 1_500)
            #expect(try page.data(OrdersPage.self).orders.count == 100, "the last full page")
        }
    }

    @Test("A hundred thousand orders generate quickly")
    func large() {
        let clock = ContinuousClock()
        var count = 0
        let elapsed = clock.measure { count = SeedDataset.bench(orders: 100_000, anchor: anchor).orders.count }
        #expect(count == 100_000)
        // Generous: a debug build on a busy machine. A release build takes a fraction of a second.
        #expect(elapsed < .seconds(20))
    }
}
