#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI
import Testing
@testable import PortalServer

@Suite("Recent Orders")
struct RecentOrdersTests {
    typealias F = InsightFixtures

    @Test func countsTheLastSevenTimesTwentyFourHoursWithoutCancelled() {
        let week: TimeInterval = 7 * 24 * 3600
        let orders = [
            F.order("c", at: F.now.addingTimeInterval(-week), id: "at-boundary"),
            F.order("c", at: F.now.addingTimeInterval(-week - 1), id: "just-before"),
            F.order("c", at: F.now.addingTimeInterval(-3600), status: "cancelled", id: "cancelled"),
            F.order("c", at: F.now.addingTimeInterval(-3600), status: "pending", id: "pending"),
            F.order("c", at: F.now, id: "now"),
        ]
        #expect(InsightsEngine.recentOrderCount(orders: orders, now: F.now) == 3)
        #expect(BriefingContext(dataset: InsightDataset(orders: orders, products: [], now: F.now, currency: "USD"))
            .recentOrderCount == 3)
    }

    @Test func contextCountsPreviousWeekAndFourWeekRevenue() {
        let orders = [
            F.order("c", at: F.daysAgo(1), total: 3_000),
            F.order("c", at: F.daysAgo(10), total: 1_000),
            F.order("c", at: F.daysAgo(30), total: 2_000),
            F.order("c", at: F.daysAgo(31), total: 5_000, status: "cancelled"),
        ]
        let context = BriefingContext(dataset: InsightDataset(orders: orders, products: [], now: F.now, currency: "USD"))
        #expect(context.recentOrderCount == 1)
        #expect(context.previousWeekOrderCount == 1)
        #expect(context.revenueLast4WeeksCents == 4_000)
        #expect(context.revenuePrevious4WeeksCents == 2_000)
        #expect(context.ordersLast4Weeks == 2)
        #expect(context.totalOrderCount == 3)
        #expect(context.statusCounts == ["delivered": 3, "cancelled": 1])
        #expect(context.recentOrders.first?.createdAt == F.daysAgo(1))
    }
}
