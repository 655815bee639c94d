#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI

/// The pure insights engine: `InsightsMetrics` and the briefing's counts from one user's dataset.
///
/// Only orders that are not cancelled count, and revenue is `totalCents`. Health, pace and
/// opportunities use the whole history up to `dataset.now`; `start`/`end` bound only the weekly
/// revenue trends (see `RevenueTrends.range`).
enum InsightsEngine {
    /// Length of the "Recent Orders" window.
    static let recentWindow: TimeInterval = 7 * 24 * 3600

    /// The `GET /insights/metrics` payload for `dataset`.
    static func metrics(for dataset: InsightDataset, start: Date? = nil, end: Date? = nil) -> InsightsMetrics {
        let orders = dataset.activeOrders
        let range = RevenueTrends.range(start: start, end: end, now: dataset.now)
        return InsightsMetrics(
            healthScores: HealthScoring.healthScores(orders: orders, now: dataset.now),
            paceDeviations: PaceAnalysis.paceDeviations(orders: orders, now: dataset.now),
            revenueTrends: RevenueTrends.weekly(orders: orders, start: range.start, end: range.end),
            opportunities: Opportunities.opportunities(orders: orders, products: dataset.products, now: dataset.now))
    }

    /// The health of ONE customer from that customer's orders (e.g. for `Customer.healthScore`).
    static func health(ofCustomerOrders orders: [InsightOrder], now: Date) -> CustomerHealth {
        HealthScoring.health(of: orders, now: now)
    }

    /// Health of every customer appearing in `orders`, keyed by customer id. Customers with no
    /// (non-cancelled) order are absent: show them as score 0 with `lastOrderAt` null.
    static func healthByCustomer(orders: [InsightOrder], now: Date) -> [String: CustomerHealth] {
        Dictionary(grouping: orders.filter { !$0.isCancelled }, by: \.customerId)
            .mapValues { HealthScoring.health(of: $0, now: now) }
    }

    /// "Recent Orders": orders not cancelled created in `[now − 7×24 h, now]`.
    static func recentOrderCount(orders: [InsightOrder], now: Date) -> Int {
        orderCount(orders: orders, from: now.addingTimeInterval(-recentWindow), through: now)
    }

    /// Orders not cancelled created in `[from, through]`.
    static func orderCount(orders: [InsightOrder], from: Date, through: Date) -> Int {
        orders.reduce(0) { count, order in
            !order.isCancelled && order.createdAt >= from && order.createdAt <= through ? count + 1 : count
        }
    }
}
