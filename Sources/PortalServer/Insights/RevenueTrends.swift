#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI

/// Weekly revenue buckets (weeks start Monday 00:00 UTC).
enum RevenueTrends {
    /// Weeks shown when no range is given.
    static let defaultWeeks = 12
    /// At most this many buckets are produced; a longer range keeps its latest weeks.
    static let maximumWeeks = 520

    /// The half-open range `[start, end)` the trends cover: `end` defaults to `now`, `start`
    /// to Monday 00:00 UTC eleven weeks before the week of `end` (12 weeks in all).
    static func range(start: Date?, end: Date?, now: Date) -> (start: Date, end: Date) {
        let end = end ?? now
        let start = start ?? lastWeekStart(before: end).addingTimeInterval(
            -Double(defaultWeeks - 1) * InsightCalendar.secondsPerWeek)
        return (start, end)
    }

    /// One bucket per week from the week containing `start` to the week containing the last
    /// instant before `end`, empty weeks included with 0; orders (not cancelled) in `[start, end)`.
    /// Empty when `end <= start`.
    static func weekly(orders: [InsightOrder], start: Date, end: Date) -> [InsightsMetrics.RevenueTrend] {
        guard end > start else { return [] }
        let firstWeek = InsightCalendar.weekStart(containing: start)
        let lastWeek = lastWeekStart(before: end)
        let weekCount = Int((lastWeek.timeIntervalSince(firstWeek) / InsightCalendar.secondsPerWeek).rounded()) + 1
        let skipped = max(0, weekCount - maximumWeeks)
        let count = weekCount - skipped
        let origin = firstWeek.addingTimeInterval(Double(skipped) * InsightCalendar.secondsPerWeek)

        var revenue = [Int](repeating: 0, count: count)
        var orderCounts = [Int](repeating: 0, count: count)
        for order in orders where !order.isCancelled && order.createdAt >= start && order.createdAt < end {
            let index = Int((InsightCalendar.weekStart(containing: order.createdAt).timeIntervalSince(origin)
                / InsightCalendar.secondsPerWeek).rounded())
            guard index >= 0, index < count else { continue }
            revenue[index] += order.totalCents
            orderCounts[index] += 1
        }
        return (0..<count).map { index in
            InsightsMetrics.RevenueTrend(
                periodStart: origin.addingTimeInterval(Double(index) * InsightCalendar.secondsPerWeek),
                revenueCents: revenue[index], orderCount: orderCounts[index])
        }
    }

    /// The Monday of the week holding the last instant before `end` (`end` is exclusive).
    private static func lastWeekStart(before end: Date) -> Date {
        let week = InsightCalendar.weekStart(containing: end)
        return week == end ? week.addingTimeInterval(-InsightCalendar.secondsPerWeek) : week
    }
}
