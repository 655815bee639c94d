#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI
import Testing

@testable import PortalServer

/// Anchors at different times of day (UTC), one with a fractional second.
private let anchors: [Date] = [
    Date(timeIntervalSince1970: 1_795_000_000.25),  // 2026-11-18T11:06:40Z, early morning in Chicago
    Date(timeIntervalSince1970: 1_795_045_000),  // 23:36Z, evening in Chicago
    Date(timeIntervalSince1970: 1_780_000_000),  // 2026-05-28, summer
]

private let day: TimeInterval = 86_400

@Suite("Demo seed dataset")
struct DemoSeedTests {
    @Test("The same anchor gives the same dataset", arguments: anchors)
    func deterministic(anchor: Date) throws {
        let first = SeedDataset.demo(anchor: anchor)
        let second = SeedDataset.demo(anchor: anchor)
        #expect(first == second)
        let encoder = PortalJSON.encoder(sortedKeys: true)
        #expect(try encoder.encode(first) == encoder.encode(second))
    }

    @Test("Moving the anchor keeps the same orders, only shifted in time")
    func anchorOnlyShiftsTime() {
        let early = SeedDataset.demo(anchor: anchors[0])
        let later = SeedDataset.demo(anchor: anchors[0].addingTimeInterval(30 * day + 7_777))
        #expect(early.orders.count == later.orders.count)
        #expect(early.orders.map(\.status).sorted() == later.orders.map(\.status).sorted())
        #expect(early.products == later.products)
        #expect(early.customers == later.customers)
        #expect(early.users == later.users)
    }

    @Test("Tenants, catalogue and customers have the documented sizes")
    func counts() throws {
        let data = SeedDataset.demo(anchor: anchors[0])
        #expect(data.tenants.map(\.slug) == ["northwind", "fjord"])
        let northwind = try #require(data.tenants.first { $0.slug == "northwind" })
        let fjord = try #require(data.tenants.first { $0.slug == "fjord" })
        #expect(northwind.currency == "USD" && northwind.timezone == "America/Chicago")
        #expect(fjord.currency == "NOK" && fjord.timezone == "Europe/Oslo")
        #expect(data.tenants.allSatisfy { $0.taxRateBasisPoints > 0 })

        #expect(data.products.filter { $0.tenantId == northwind.id }.count >= 60)
        #expect(data.customers.filter { $0.tenantId == northwind.id }.count >= 25)
        #expect(data.products.contains { $0.tenantId == fjord.id })
        #expect(data.customers.contains { $0.tenantId == fjord.id })
        #expect(data.orders.contains { $0.tenantId == fjord.id })

        let rep = SeedChecks.user(data, "rep@northwind.test")
        let rep2 = SeedChecks.user(data, "rep2@northwind.test")
        #expect(data.orders.filter { $0.placedBy == rep.id }.count >= 400)
        #expect(data.orders.filter { $0.placedBy == rep2.id }.count >= 30)
        #expect(data.orders.filter { $0.placedBy == SeedChecks.user(data, "rep@fjord.test").id }.count >= 10)
    }

    @Test("The documented accounts exist with their roles")
    func accounts() {
        let data = SeedDataset.demo(anchor: anchors[0])
        #expect(SeedDataset.demoPassword == "leora-demo")
        let expected: [(String, String, String)] = [
            ("rep@northwind.test", "northwind", "sales_rep"),
            ("rep2@northwind.test", "northwind", "sales_rep"),
            ("admin@northwind.test", "northwind", "admin"),
            ("viewer@northwind.test", "northwind", "viewer"),
            ("rep@fjord.test", "fjord", "sales_rep"),
        ]
        for (email, slug, role) in expected {
            let account = SeedChecks.user(data, email)
            #expect(account.roles == [role], "\(email)")
            #expect(data.tenants.first { $0.id == account.tenantId }?.slug == slug, "\(email)")
            #expect(!account.name.isEmpty)
        }
        #expect(Set(data.users.map { $0.email.lowercased() }).count == data.users.count)
        #expect(data.users.allSatisfy { $0.roles.allSatisfy { Role(rawValue: $0) != nil } })
    }

    @Test("Every id is unique across the whole dataset", arguments: anchors)
    func uniqueIds(anchor: Date) {
        let data = SeedDataset.demo(anchor: anchor)
        SeedChecks.expectUniqueIds(data)
        for tenant in data.tenants {
            let skus = data.products.filter { $0.tenantId == tenant.id }.map(\.sku)
            #expect(Set(skus).count == skus.count, "SKUs of \(tenant.slug)")
            let numbers = data.orders.filter { $0.tenantId == tenant.id }.map(\.orderNumber)
            #expect(Set(numbers).count == numbers.count, "order numbers of \(tenant.slug)")
            let accounts = data.customers.filter { $0.tenantId == tenant.id }.map(\.accountNumber)
            #expect(Set(accounts).count == accounts.count, "account numbers of \(tenant.slug)")
        }
    }

    @Test("Orders only reference their own tenant's customers, products and users", arguments: anchors)
    func tenantConsistency(anchor: Date) {
        SeedChecks.expectTenantConsistency(SeedDataset.demo(anchor: anchor))
    }

    @Test("Products are well formed, with low, unavailable and inactive stock")
    func products() {
        let data = SeedDataset.demo(anchor: anchors[0])
        for product in data.products {
            #expect(product.unit == "bottle" || product.unit == "case", "\(product.id)")
            if product.unit == "bottle" {
                #expect(product.packSize == 1, "\(product.id)")
            } else {
                #expect(product.packSize == 6 || product.packSize == 12, "\(product.id)")
            }
            #expect(product.unitPriceCents > 0)
            #expect(product.onHand >= 0 && product.reserved >= 0 && product.reserved <= product.onHand)
            #expect(!product.name.isEmpty && !product.brand.isEmpty && !product.description.isEmpty)
        }
        let northwind = data.products.filter { $0.tenantId == "ten_northwind" }
        let categories = Set(northwind.map(\.category))
        let wanted = [
            "Red Wine", "White Wine", "Sparkling Wine", "Rosé Wine", "Whisky", "Gin", "Rum", "Tequila", "Vodka", "Liqueur",
        ]
        for category in wanted {
            #expect(categories.contains(category), "\(category)")
        }
        let cases = northwind.filter { $0.unit == "case" }.count
        #expect(cases > 0 && cases < northwind.count / 2)
        let available = { (product: SeedProduct) in product.active ? max(0, product.onHand - product.reserved) : 0 }
        #expect(northwind.filter { $0.active && available($0) == 0 }.count >= 2)
        #expect(northwind.filter { $0.active && (1 ... 5).contains(available($0)) }.count >= 3)
        #expect((1 ... 2).contains(northwind.filter { !$0.active }.count))
    }

    @Test("Product and customer names include accents and non-Latin scripts")
    func internationalNames() {
        let data = SeedDataset.demo(anchor: anchors[0])
        let productNames = data.products.map(\.name)
        let customerNames = data.customers.map(\.name)
        #expect(productNames.contains { !$0.allSatisfy(\.isASCII) })
        #expect(customerNames.contains { !$0.allSatisfy(\.isASCII) })
        #expect(productNames.contains("Château Margaux 2015"))
        let expected = [
            "Brasserie Mélisande", "Zürich Weinstube", "居酒屋 さくら", "Таверна Одеса", "Ελληνική Ταβέρνα", "Bodega Peñalver",
        ]
        for name in expected {
            #expect(customerNames.contains(name), "\(name)")
        }
        // Scripts beyond Latin: Greek/Cyrillic (U+0370…U+04FF) and CJK/kana.
        let scalars = customerNames.flatMap(\.unicodeScalars).map(\.value)
        #expect(scalars.contains { (0x370 ... 0x4FF).contains($0) })
        #expect(scalars.contains { (0x3040 ... 0x9FFF).contains($0) })
    }

    @Test("Order dates lie within the 180 days before the anchor, in whole seconds", arguments: anchors)
    func dates(anchor: Date) {
        let data = SeedDataset.demo(anchor: anchor)
        SeedChecks.expectDates(data, anchor: anchor)
    }

    @Test("Statuses are valid and realistic for the orders' age", arguments: anchors)
    func statuses(anchor: Date) {
        let data = SeedDataset.demo(anchor: anchor)
        let rep = SeedChecks.user(data, "rep@northwind.test")
        let mine = data.orders.filter { $0.placedBy == rep.id }
        #expect(data.orders.allSatisfy { OrderStatus(rawValue: $0.status) != nil })

        let cancelled = Double(mine.filter { $0.status == "cancelled" }.count) / Double(mine.count)
        #expect(cancelled > 0.02 && cancelled < 0.10)
        #expect(mine.filter { $0.status == "pending" }.count >= 3)
        #expect(mine.filter { anchor.timeIntervalSince($0.createdAt) <= 7 * day }.count >= 5)
        for order in data.orders where anchor.timeIntervalSince(order.createdAt) > 9 * day {
            #expect(order.status == "delivered" || order.status == "cancelled", "\(order.id) \(order.status)")
        }
        for order in data.orders where order.status == "pending" {
            #expect(order.updatedAt == order.createdAt)
            #expect(anchor.timeIntervalSince(order.createdAt) < 5 * day)
        }
        #expect(data.orders.contains { $0.notes != nil })
        #expect(data.orders.contains { $0.notes == nil })
    }

    @Test("Lines have distinct active products, catalogue prices and plausible quantities")
    func lines() {
        let data = SeedDataset.demo(anchor: anchors[0])
        SeedChecks.expectPlausibleLines(data)
    }

    @Test("Customers follow distinct rhythms: weekly, lapsing and accelerating")
    func rhythms() {
        let anchor = anchors[0]
        let data = SeedDataset.demo(anchor: anchor)
        func orders(of name: String) -> [SeedOrder] {
            let customer = data.customers.first { $0.name == name }
            return data.orders.filter { $0.customerId == customer?.id }
        }
        func age(_ order: SeedOrder) -> TimeInterval { anchor.timeIntervalSince(order.createdAt) }

        let weekly = orders(of: "Brasserie Mélisande")
        #expect((20 ... 32).contains(weekly.count))
        #expect(weekly.contains { age($0) < 14 * day })

        let lapsingCustomers = ["Таверна Одеса", "Milwaukee Avenue Tap", "Trattoria Sant'Ambrogio", "Madison Street Oyster House"]
        for lapsing in lapsingCustomers {
            let history = orders(of: lapsing)
            #expect(history.count >= 5, "\(lapsing)")
            let newest = history.map(age).min() ?? 0
            #expect(newest >= 40 * day && newest <= 75 * day, "\(lapsing) last ordered \(newest / day) days ago")
        }

        let accelerating = orders(of: "Bodega Peñalver")
        let firstHalf = accelerating.filter { age($0) >= 90 * day }.count
        let secondHalf = accelerating.filter { age($0) < 90 * day }.count
        #expect(secondHalf >= firstHalf * 2, "\(firstHalf) then \(secondHalf)")

        let newAccount = orders(of: "The Rookery Rooftop")
        #expect(!newAccount.isEmpty && newAccount.allSatisfy { age($0) <= 91 * day })
    }

    @Test("Orders are stored oldest first within each tenant and numbered in that order")
    func orderSequence() {
        let data = SeedDataset.demo(anchor: anchors[0])
        SeedChecks.expectChronological(data)
        #expect(data.orders.first { $0.tenantId == "ten_northwind" }?.orderNumber == "NW-10001")
        #expect(data.orders.first { $0.tenantId == "ten_fjord" }?.orderNumber == "FJ-10001")
    }
}
