#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI
import Testing
@testable import PortalServer

@Suite("Opportunities")
struct OpportunitiesTests {
    typealias F = InsightFixtures

    /// c1 {p1 p2 p3}, c2 {p1 p2 p4 p6}, c3 {p1 p2 p3 p4 p5}, c4 {p1}; p6 inactive. Everyone's
    /// first order is 60 days ago (2 months of history).
    static func dataset() -> InsightDataset {
        func buy(_ customer: String, _ lines: [InsightOrderLine], daysAgo: Double = 60) -> InsightOrder {
            F.order(customer, name: "Customer \(customer)", at: F.daysAgo(daysAgo),
                    total: lines.reduce(0) { $0 + $1.lineTotalCents }, lines: lines)
        }
        let orders = [
            buy("c1", [F.line("p1", 100), F.line("p2", 100), F.line("p3", 100)]),
            buy("c2", [F.line("p1", 100), F.line("p2", 100), F.line("p4", 4_000), F.line("p6", 9_000)]),
            buy("c2", [F.line("p4", 2_000)], daysAgo: 10),
            buy("c3", [F.line("p1", 100), F.line("p2", 100), F.line("p3", 100), F.line("p4", 2_000), F.line("p5", 600)]),
            buy("c4", [F.line("p1", 100)]),
            // A cancelled order does not make c4 similar to anyone.
            F.order("c4", at: F.daysAgo(5), status: "cancelled", lines: [F.line("p2", 100), F.line("p3", 100)]),
        ]
        let products = ["p1", "p2", "p3", "p4", "p5"].map { F.product($0) } + [F.product("p6", active: false)]
        return InsightDataset(orders: orders, products: products, now: F.now, currency: "USD")
    }

    @Test func suggestsWhatSimilarCustomersBuy() {
        let opportunities = InsightsEngine.metrics(for: Self.dataset()).opportunities
        let pairs = opportunities.map { "\($0.customerId):\($0.productId)" }
        // Sorted by value: c1:p4 = avg(6000/2, 2000/2) = 2000; c2:p5 = 600/2 = 300;
        // c2:p3 = avg(100/2, 100/2) = 50; c1:p5 = 300. Ties by customer id then product id.
        #expect(pairs == ["c1:p4", "c1:p5", "c2:p5", "c2:p3"])
        #expect(opportunities.map(\.estimatedValueCents) == [2_000, 300, 300, 50])
    }

    @Test func reasonNamesHowManySimilarCustomersBuyIt() throws {
        let opportunities = InsightsEngine.metrics(for: Self.dataset()).opportunities
        let c1p4 = try #require(opportunities.first { $0.customerId == "c1" && $0.productId == "p4" })
        #expect(c1p4.reason == "Both similar customers buy Product p4; Customer c1 has never ordered it.")
        let c1p5 = try #require(opportunities.first { $0.customerId == "c1" && $0.productId == "p5" })
        #expect(c1p5.reason == "1 of 2 similar customers buy Product p5; Customer c1 has never ordered it.")
    }

    @Test func skipsInactiveProductsAndUnsimilarCustomers() {
        let opportunities = InsightsEngine.metrics(for: Self.dataset()).opportunities
        #expect(!opportunities.contains { $0.productId == "p6" })
        #expect(!opportunities.contains { $0.customerId == "c3" }, "c3 already buys every active product")
        #expect(!opportunities.contains { $0.customerId == "c4" }, "c4 shares only one product")
    }

    @Test func capsPerCustomerAndOverallDeterministically() {
        // 30 customers all buying a0 a1 plus one distinct product each: every customer has 29
        // candidates (each bought by 1 of 29 similar customers).
        var orders: [InsightOrder] = []
        for index in 0..<30 {
            orders.append(F.order("c\(100 + index)", at: F.daysAgo(30), lines: [
                F.line("a0", 100), F.line("a1", 100), F.line("x\(100 + index)", 1_000 + index),
            ]))
        }
        let products = ["a0", "a1"].map { F.product($0) } + (0..<30).map { F.product("x\(100 + $0)") }
        let dataset = InsightDataset(orders: orders.shuffled(), products: products.shuffled(), now: F.now, currency: "USD")
        let first = Opportunities.opportunities(orders: dataset.orders, products: dataset.products, now: F.now)
        #expect(first.count == Opportunities.maximumTotal)
        let perCustomer = Dictionary(grouping: first, by: \.customerId).mapValues(\.count)
        #expect(perCustomer.values.allSatisfy { $0 <= Opportunities.perCustomer })
        // The most valuable product is x129 (1029), offered first to the lowest customer ids.
        #expect(first[0].productId == "x129" && first[0].customerId == "c100")
        let again = Opportunities.opportunities(
            orders: dataset.orders.reversed(), products: dataset.products.reversed(), now: F.now)
        #expect(again == first)
    }
}
