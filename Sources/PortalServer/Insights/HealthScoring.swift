#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI

/// The health of one customer relationship, before it is named on the wire.
struct CustomerHealth: Sendable, Equatable {
    /// 0 (lost) to 100 (thriving).
    var score: Int
    var trend: Trend
    var lastOrderAt: Date?
}

/// Per-customer health: recency against the customer's own rhythm, frequency and spend trend.
///
/// The score is `40 × recency + 30 × frequency + 30 × spend`, each part in 0...1:
/// - recency: `daysSinceLastOrder / rhythm` (rhythm = median interval between the customer's
///   orders, `defaultRhythmDays` with a single order); 1 up to one rhythm, falling linearly to 0
///   at three rhythms;
/// - frequency: orders in the last 90 days ÷ orders in the 90 days before, capped at 1
///   (1 when there were none before but some now, 0 when there are none now);
/// - spend: the same ratio on revenue (`totalCents`).
///
/// The trend is `down` when the customer is two rhythms overdue or their spend fell by 10 % or
/// more, `up` when spend rose by 10 % or more, otherwise `stable`.
enum HealthScoring {
    static let windowDays: Double = 90
    static let defaultRhythmDays: Double = 30
    /// Scores below this mark an account at risk.
    static let atRiskThreshold = 50

    /// The health of one customer from that customer's orders (cancelled ones are ignored).
    /// A customer with no orders scores 0, `stable`, `lastOrderAt` nil.
    static func health(of orders: [InsightOrder], now: Date) -> CustomerHealth {
        let active = orders.filter { !$0.isCancelled }.sorted { $0.createdAt < $1.createdAt }
        guard let last = active.last else {
            return CustomerHealth(score: 0, trend: .stable, lastOrderAt: nil)
        }

        let intervals = zip(active, active.dropFirst()).map {
            InsightCalendar.days(from: $0.createdAt, to: $1.createdAt)
        }
        let rhythm = max(InsightCalendar.median(intervals) ?? defaultRhythmDays, 1)
        let daysSince = max(0, InsightCalendar.days(from: last.createdAt, to: now))
        let overdue = daysSince / rhythm
        let recency = clamp(1 - (overdue - 1) / 2)

        let recentStart = now.addingTimeInterval(-windowDays * InsightCalendar.secondsPerDay)
        let priorStart = now.addingTimeInterval(-2 * windowDays * InsightCalendar.secondsPerDay)
        let recent = active.filter { $0.createdAt >= recentStart && $0.createdAt <= now }
        let prior = active.filter { $0.createdAt >= priorStart && $0.createdAt < recentStart }

        let frequency = growthScore(recent: Double(recent.count), prior: Double(prior.count))
        let recentSpend = Double(recent.reduce(0) { $0 + $1.totalCents })
        let priorSpend = Double(prior.reduce(0) { $0 + $1.totalCents })
        let spend = growthScore(recent: recentSpend, prior: priorSpend)

        let score = Int((100 * (0.4 * recency + 0.3 * frequency + 0.3 * spend)).rounded())

        let trend: Trend
        if overdue >= 2 {
            trend = .down
        } else if priorSpend == 0 {
            trend = recentSpend > 0 ? .up : .stable
        } else if recentSpend >= priorSpend * 1.1 {
            trend = .up
        } else if recentSpend <= priorSpend * 0.9 {
            trend = .down
        } else {
            trend = .stable
        }
        return CustomerHealth(score: min(100, max(0, score)), trend: trend, lastOrderAt: last.createdAt)
    }

    /// Health scores of every customer in `orders`, worst first (ties by name, then id).
    /// The name is the one on the customer's latest order.
    static func healthScores(orders: [InsightOrder], now: Date) -> [InsightsMetrics.HealthScore] {
        let byCustomer = Dictionary(grouping: orders.filter { !$0.isCancelled }, by: \.customerId)
        let scores = byCustomer.map { customerId, orders in
            let health = health(of: orders, now: now)
            return InsightsMetrics.HealthScore(
                customerId: customerId, customerName: latestName(orders), score: health.score,
                trend: health.trend, lastOrderAt: health.lastOrderAt)
        }
        return scores.sorted {
            ($0.score, $0.customerName, $0.customerId) < ($1.score, $1.customerName, $1.customerId)
        }
    }

    /// The customer name on the latest of `orders` (ties broken by order id).
    static func latestName(_ orders: [InsightOrder]) -> String {
        orders.max { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }?.customerName ?? ""
    }

    private static func growthScore(recent: Double, prior: Double) -> Double {
        if prior <= 0 { return recent > 0 ? 1 : 0 }
        return clamp(recent / prior)
    }

    private static func clamp(_ value: Double) -> Double {
        min(1, max(0, value))
    }
}
