#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI

/// Pace detection: how far each regular customer is behind their usual ordering rhythm.
///
/// For a customer with at least `minimumOrders` orders that are not cancelled, the expected
/// interval is the median of the intervals between consecutive orders (never below
/// `minimumIntervalDays`), and `deviation = daysSinceLastOrder / expectedIntervalDays`
/// (1 = on pace, 2 = twice the usual gap). Days are rounded to 2 decimals, the deviation to 2.
enum PaceAnalysis {
    static let minimumOrders = 3
    static let minimumIntervalDays: Double = 1

    /// Pace deviations, most behind first (ties by name, then id).
    static func paceDeviations(orders: [InsightOrder], now: Date) -> [InsightsMetrics.PaceDeviation] {
        let byCustomer = Dictionary(grouping: orders.filter { !$0.isCancelled }, by: \.customerId)
        var result: [InsightsMetrics.PaceDeviation] = []
        for (customerId, customerOrders) in byCustomer where customerOrders.count >= minimumOrders {
            let dates = customerOrders.map(\.createdAt).sorted()
            let intervals = zip(dates, dates.dropFirst()).map { InsightCalendar.days(from: $0, to: $1) }
            guard let median = InsightCalendar.median(intervals), let last = dates.last else { continue }
            let expected = max(median, minimumIntervalDays)
            let daysSince = max(0, InsightCalendar.days(from: last, to: now))
            result.append(
                InsightsMetrics.PaceDeviation(
                    customerId: customerId, customerName: HealthScoring.latestName(customerOrders),
                    expectedIntervalDays: InsightCalendar.rounded(expected, places: 2),
                    daysSinceLastOrder: InsightCalendar.rounded(daysSince, places: 2),
                    deviation: InsightCalendar.rounded(daysSince / expected, places: 2)))
        }
        return result.sorted {
            if $0.deviation != $1.deviation { return $0.deviation > $1.deviation }
            return ($0.customerName, $0.customerId) < ($1.customerName, $1.customerId)
        }
    }
}
