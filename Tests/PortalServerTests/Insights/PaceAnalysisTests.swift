#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI
import Testing
@testable import PortalServer

@Suite("Pace analysis")
struct PaceAnalysisTests {
    typealias F = InsightFixtures

    @Test func expectedIntervalIsTheMedianOddCount() throws {
        // Intervals 10, 5, 20 → median 10; 5 days since the last order.
        let orders = F.orders("c", daysAgo: [40, 30, 25, 5])
        let pace = try #require(PaceAnalysis.paceDeviations(orders: orders, now: F.now).first)
        #expect(pace.expectedIntervalDays == 10)
        #expect(pace.daysSinceLastOrder == 5)
        #expect(pace.deviation == 0.5)
    }

    @Test func expectedIntervalIsTheMedianEvenCount() throws {
        // Intervals 10, 4, 6, 2 → median (4 + 6) / 2 = 5; 38 days since → 7.6.
        let orders = F.orders("c", daysAgo: [60, 50, 46, 40, 38].reversed())
        let pace = try #require(PaceAnalysis.paceDeviations(orders: orders, now: F.now).first)
        #expect(pace.expectedIntervalDays == 5)
        #expect(pace.daysSinceLastOrder == 38)
        #expect(pace.deviation == 7.6)
    }

    @Test func needsThreeOrdersThatAreNotCancelledAndSortsMostBehindFirst() {
        var orders = F.orders("c_on", name: "On Pace", daysAgo: [40, 30, 25, 5])
        orders += F.orders("c_behind", name: "Behind", daysAgo: [60, 50, 46, 40, 38])
        orders += F.orders("c_two", daysAgo: [30, 20])
        orders.append(F.order("c_two", at: F.daysAgo(10), status: "cancelled"))
        let deviations = PaceAnalysis.paceDeviations(orders: orders, now: F.now)
        #expect(deviations.map(\.customerId) == ["c_behind", "c_on"])
        #expect(deviations.map(\.customerName) == ["Behind", "On Pace"])
    }

    @Test func deviationIsDaysSinceOverExpected() {
        let orders = F.orders("c", daysAgo: [33, 23, 13, 3.5])
        let deviations = InsightsEngine.metrics(
            for: InsightDataset(orders: orders, products: [], now: F.now, currency: "USD")).paceDeviations
        #expect(deviations.count == 1)
        #expect(deviations[0].expectedIntervalDays == 10)
        #expect(deviations[0].daysSinceLastOrder == 3.5)
        #expect(deviations[0].deviation == 0.35)
    }
}
