#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI
import Testing
@testable import PortalServer

@Suite("Weekly revenue trends")
struct RevenueTrendsTests {
    typealias F = InsightFixtures

    @Test func weekStartsMondayMidnightUTC() {
        #expect(InsightCalendar.weekStart(containing: F.utc("2026-11-28T12:00:00Z")) == F.utc("2026-11-23T00:00:00Z"))
        #expect(InsightCalendar.weekStart(containing: F.utc("2026-11-23T00:00:00Z")) == F.utc("2026-11-23T00:00:00Z"))
        #expect(InsightCalendar.weekStart(containing: F.utc("2026-11-22T23:59:59Z")) == F.utc("2026-11-16T00:00:00Z"))
        #expect(InsightCalendar.weekStart(containing: F.utc("1970-01-01T00:00:00Z")) == F.utc("1969-12-29T00:00:00Z"))
        #expect(InsightCalendar.weekStart(containing: F.utc("1969-12-28T10:00:00Z")) == F.utc("1969-12-22T00:00:00Z"))
    }

    @Test func defaultsToTwelveWeeksEndingNowWithEmptyWeeks() {
        let orders = [
            F.order("c", at: F.utc("2026-11-22T23:59:59Z"), total: 500),  // Sunday: week of 16 Nov
            F.order("c", at: F.utc("2026-11-23T00:00:00Z"), total: 700),  // Monday: week of 23 Nov
            F.order("c", at: F.utc("2026-11-24T10:00:00Z"), total: 300),
            F.order("c", at: F.utc("2026-11-25T10:00:00Z"), total: 9_999, status: "cancelled"),
            F.order("c", at: F.utc("2026-09-07T00:00:00Z"), total: 100),  // first week's Monday
            F.order("c", at: F.utc("2026-09-06T23:59:59Z"), total: 100),  // before the range
        ]
        let dataset = InsightDataset(orders: orders, products: [], now: F.now, currency: "USD")
        let trends = InsightsEngine.metrics(for: dataset).revenueTrends
        #expect(trends.count == 12)
        #expect(trends.first?.periodStart == F.utc("2026-09-07T00:00:00Z"))
        #expect(trends.last?.periodStart == F.utc("2026-11-23T00:00:00Z"))
        #expect(trends[0].revenueCents == 100 && trends[0].orderCount == 1)
        #expect(trends[10].periodStart == F.utc("2026-11-16T00:00:00Z"))
        #expect(trends[10].revenueCents == 500 && trends[10].orderCount == 1)
        #expect(trends[11].revenueCents == 1_000 && trends[11].orderCount == 2)
        #expect(trends[1...9].allSatisfy { $0.revenueCents == 0 && $0.orderCount == 0 })
        for (index, trend) in trends.enumerated() {
            #expect(trend.periodStart == F.utc("2026-09-07T00:00:00Z").addingTimeInterval(Double(index) * 7 * 86_400))
        }
    }

    @Test func explicitRangeIsHalfOpenAndCoversPartialWeeks() {
        let start = F.utc("2026-10-07T00:00:00Z")  // a Wednesday
        let end = F.utc("2026-10-26T00:00:00Z")  // a Monday, exclusive
        let orders = [
            F.order("c", at: F.utc("2026-10-06T12:00:00Z"), total: 1),  // same week, before start
            F.order("c", at: F.utc("2026-10-07T00:00:00Z"), total: 10),
            F.order("c", at: F.utc("2026-10-25T23:59:59Z"), total: 100),
            F.order("c", at: F.utc("2026-10-26T00:00:00Z"), total: 1_000),  // at end: excluded
        ]
        let dataset = InsightDataset(orders: orders, products: [], now: F.now, currency: "USD")
        let trends = InsightsEngine.metrics(for: dataset, start: start, end: end).revenueTrends
        #expect(trends.map(\.periodStart) == [
            F.utc("2026-10-05T00:00:00Z"), F.utc("2026-10-12T00:00:00Z"), F.utc("2026-10-19T00:00:00Z"),
        ])
        #expect(trends.map(\.revenueCents) == [10, 0, 100])
        #expect(trends.map(\.orderCount) == [1, 0, 1])
    }

    @Test func endInsideAWeekIncludesThatWeek() {
        let trends = RevenueTrends.weekly(
            orders: [], start: F.utc("2026-10-05T00:00:00Z"), end: F.utc("2026-10-12T00:00:01Z"))
        #expect(trends.map(\.periodStart) == [F.utc("2026-10-05T00:00:00Z"), F.utc("2026-10-12T00:00:00Z")])
    }

    @Test func emptyOrInvertedRangeHasNoWeeks() {
        #expect(RevenueTrends.weekly(orders: [], start: F.now, end: F.now).isEmpty)
        #expect(RevenueTrends.weekly(orders: [], start: F.now, end: F.daysAgo(7)).isEmpty)
    }

    @Test func onlyStartGivenEndsNow() {
        let range = RevenueTrends.range(start: F.utc("2026-11-01T00:00:00Z"), end: nil, now: F.now)
        #expect(range.end == F.now)
        let trends = RevenueTrends.weekly(orders: [], start: range.start, end: range.end)
        #expect(trends.first?.periodStart == F.utc("2026-10-26T00:00:00Z"))
        #expect(trends.last?.periodStart == F.utc("2026-11-23T00:00:00Z"))
    }

    @Test func veryLongRangeKeepsTheLatestWeeks() {
        let trends = RevenueTrends.weekly(
            orders: [F.order("c", at: F.daysAgo(1), total: 42)], start: F.utc("1990-01-01T00:00:00Z"), end: F.now)
        #expect(trends.count == RevenueTrends.maximumWeeks)
        #expect(trends.last?.periodStart == F.utc("2026-11-23T00:00:00Z"))
        #expect(trends.last?.revenueCents == 42)
    }
}
