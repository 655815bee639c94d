import PortalAPI

/// The raw key metrics of a briefing, shared by the deterministic writer and the fallback.
/// Always led by `"Recent Orders"`.
enum BriefingKeyMetrics {
    static let recentOrdersLabel = "Recent Orders"
    static let revenueLabel = "Revenue (last 4 weeks)"
    static let atRiskLabel = "At-Risk Accounts"
    static let averageHealthLabel = "Average Health"
    static let behindPaceLabel = "Accounts Behind Pace"
    /// A deviation at or above this marks a customer behind pace.
    static let behindPaceDeviation = 1.5

    /// "Recent Orders" with `count` as a decimal string.
    static func recentOrders(count: Int, previousWeek: Int) -> AIBriefingOutput.KeyMetric {
        AIBriefingOutput.KeyMetric(
            label: recentOrdersLabel, value: String(count), trend: trend(Double(count), Double(previousWeek)))
    }

    static func keyMetrics(for context: BriefingContext) -> [AIBriefingOutput.KeyMetric] {
        let health = context.metrics.healthScores
        var metrics = [
            recentOrders(count: context.recentOrderCount, previousWeek: context.previousWeekOrderCount),
            AIBriefingOutput.KeyMetric(
                label: revenueLabel,
                value: BriefingMoney.format(cents: context.revenueLast4WeeksCents, currency: context.currency),
                trend: trend(
                    Double(context.revenueLast4WeeksCents), Double(context.revenuePrevious4WeeksCents),
                    tolerance: 0.05)),
            AIBriefingOutput.KeyMetric(
                label: atRiskLabel, value: String(atRisk(context).count), trend: .stable),
        ]
        if let average = averageHealth(context) {
            let ups = health.filter { $0.trend == .up }.count
            let downs = health.filter { $0.trend == .down }.count
            metrics.append(
                AIBriefingOutput.KeyMetric(
                    label: averageHealthLabel, value: "\(average)/100",
                    trend: ups > downs ? .up : downs > ups ? .down : .stable))
        }
        if !context.metrics.paceDeviations.isEmpty {
            metrics.append(
                AIBriefingOutput.KeyMetric(
                    label: behindPaceLabel, value: String(behindPace(context).count), trend: .stable))
        }
        return metrics
    }

    /// Customers scoring below `HealthScoring.atRiskThreshold`, worst first.
    static func atRisk(_ context: BriefingContext) -> [InsightsMetrics.HealthScore] {
        context.metrics.healthScores
            .filter { $0.score < HealthScoring.atRiskThreshold }
            .sorted { ($0.score, $0.customerName, $0.customerId) < ($1.score, $1.customerName, $1.customerId) }
    }

    /// Customers at or above `behindPaceDeviation`, most behind first.
    static func behindPace(_ context: BriefingContext) -> [InsightsMetrics.PaceDeviation] {
        context.metrics.paceDeviations.filter { $0.deviation >= behindPaceDeviation }
    }

    /// The rounded mean health score, nil without customers.
    static func averageHealth(_ context: BriefingContext) -> Int? {
        let scores = context.metrics.healthScores.map(\.score)
        guard !scores.isEmpty else { return nil }
        return Int((Double(scores.reduce(0, +)) / Double(scores.count)).rounded())
    }

    /// `up`/`down` when `current` differs from `previous` by more than `tolerance` (a fraction).
    static func trend(_ current: Double, _ previous: Double, tolerance: Double = 0) -> Trend {
        if previous == 0 { return current > 0 ? .up : .stable }
        let change = (current - previous) / previous
        if change > tolerance { return .up }
        if change < -tolerance { return .down }
        return .stable
    }

    /// Whole-percent change from `previous` to `current`; nil when `previous` is 0.
    static func percentChange(_ current: Int, _ previous: Int) -> Int? {
        guard previous != 0 else { return nil }
        return Int((Double(current - previous) / Double(previous) * 100).rounded())
    }
}
