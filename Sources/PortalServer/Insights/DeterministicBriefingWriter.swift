#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI

/// Writes the briefing from the numbers alone, without a language model: names the customers
/// most behind pace and at risk, the 4-week revenue trend, the best opportunity, pending orders.
/// Its confidence (0.3...0.95) grows with the orders and weeks of history; it is never 0.
struct DeterministicBriefingWriter: BriefingWriter {
    static let maximumLinks = 8
    static let maximumActions = 8

    init() {}

    func write(_ context: BriefingContext) async throws -> AIBriefingOutput {
        briefing(for: context)
    }

    /// The briefing for `context` (synchronous; `write` calls this).
    func briefing(for context: BriefingContext) -> AIBriefingOutput {
        let keyMetrics = BriefingKeyMetrics.keyMetrics(for: context)
        guard context.totalOrderCount > 0 else {
            return AIBriefingOutput(
                summary: "You have no orders yet, so there is no revenue, pace or account health to "
                    + "analyse: 0 orders in the last 7 days. Once you place orders for your customers, "
                    + "this briefing will flag accounts falling behind their usual rhythm, accounts at "
                    + "risk and products similar customers buy.",
                keyMetrics: keyMetrics,
                recommendedActions: [
                    AIBriefingOutput.RecommendedAction(
                        title: "Place your first order",
                        description: "Browse the catalogue and place an order for one of your customers; "
                            + "insights start from your first order.",
                        priority: .medium)
                ],
                drillDownLinks: [], confidence: Self.confidence(for: context),
                sourceDatasets: context.sourceDatasets)
        }

        var plan = Plan(context: context)
        plan.build()
        return AIBriefingOutput(
            summary: plan.sentences.joined(separator: " "),
            keyMetrics: keyMetrics,
            recommendedActions: Array(
                (plan.actions.filter { $0.priority == .high } + plan.actions.filter { $0.priority == .medium }
                    + plan.actions.filter { $0.priority == .low }).prefix(Self.maximumActions)),
            drillDownLinks: Array(plan.links.prefix(Self.maximumLinks)),
            confidence: Self.confidence(for: context),
            sourceDatasets: context.sourceDatasets)
    }

    /// 0.3 with no history, rising to 0.95 with 40+ orders spanning 12+ weeks.
    static func confidence(for context: BriefingContext) -> Double {
        let orders = min(1, Double(context.totalOrderCount) / 40)
        let weeks = context.firstOrderAt.map {
            min(1, max(0, context.now.timeIntervalSince($0)) / InsightCalendar.secondsPerWeek / 12)
        } ?? 0
        return InsightCalendar.rounded(0.3 + 0.65 * (orders + weeks) / 2, places: 2)
    }

    /// The sentences, actions and links being assembled for one briefing.
    private struct Plan {
        let context: BriefingContext
        var sentences: [String] = []
        var actions: [AIBriefingOutput.RecommendedAction] = []
        var links: [AIBriefingOutput.DrillDownLink] = []

        init(context: BriefingContext) {
            self.context = context
        }

        private func money(_ cents: Int) -> String {
            BriefingMoney.format(cents: cents, currency: context.currency)
        }

        private func days(_ value: Double) -> String {
            let rounded = Int(value.rounded())
            return rounded == 1 ? "1 day" : "\(rounded) days"
        }

        private func ratio(_ value: Double) -> String {
            let text = String(InsightCalendar.rounded(value, places: 1))
            return (text.hasSuffix(".0") ? String(text.dropLast(2)) : text) + "×"
        }

        private func plural(_ count: Int, _ noun: String) -> String {
            count == 1 ? "1 \(noun)" : "\(count) \(noun)s"
        }

        private func list(_ items: [String]) -> String {
            switch items.count {
            case 0: return ""
            case 1: return items[0]
            default: return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
            }
        }

        private mutating func link(_ label: String, _ url: String) {
            if !links.contains(where: { $0.url == url }) {
                links.append(AIBriefingOutput.DrillDownLink(label: label, url: url))
            }
        }

        mutating func build() {
            revenue()
            recentOrders()
            pace()
            risk()
            opportunity()
            pending()
        }

        private mutating func revenue() {
            let current = context.revenueLast4WeeksCents
            let previous = context.revenuePrevious4WeeksCents
            let orders = plural(context.ordersLast4Weeks, "order")
            if current == 0 && previous == 0 {
                sentences.append("No revenue in the last 4 weeks, nor in the 4 weeks before.")
            } else if let change = BriefingKeyMetrics.percentChange(current, previous) {
                let direction = change > 0 ? "up \(change)%" : change < 0 ? "down \(-change)%" : "flat"
                sentences.append(
                    "Revenue over the last 4 weeks was \(money(current)) from \(orders), \(direction) on the "
                        + "4 weeks before (\(money(previous))).")
                if change <= -10 {
                    actions.append(
                        AIBriefingOutput.RecommendedAction(
                            title: "Review the revenue dip",
                            description: "Revenue is down \(-change)% on the previous 4 weeks "
                                + "(\(money(current)) vs \(money(previous))); check which regular accounts "
                                + "have not reordered.",
                            priority: .medium))
                }
            } else {
                sentences.append(
                    "Revenue over the last 4 weeks was \(money(current)) from \(orders), with none in the 4 weeks before.")
            }
        }

        private mutating func recentOrders() {
            let count = context.recentOrderCount
            let previous = context.previousWeekOrderCount
            sentences.append(
                count == 0
                    ? "No orders in the last 7 days (\(previous) the week before)."
                    : "\(plural(count, "order")) in the last 7 days (\(previous) the week before).")
            if let latest = context.recentOrders.first {
                link("Latest order \(latest.orderNumber) (\(latest.customerName))", PortalLinks.order(id: latest.id))
            }
        }

        private mutating func pace() {
            guard !context.metrics.paceDeviations.isEmpty else { return }
            let behind = BriefingKeyMetrics.behindPace(context)
            guard !behind.isEmpty else {
                sentences.append("Every regular customer is ordering on pace.")
                return
            }
            let named = behind.prefix(2).map {
                "\($0.customerName) (\(days($0.daysSinceLastOrder)) since their last order, "
                    + "\(ratio($0.deviation)) their usual \(Int($0.expectedIntervalDays.rounded()))-day rhythm)"
            }
            sentences.append("Most behind pace: \(list(named)).")
            for customer in behind.prefix(3) {
                let overdue = customer.deviation >= 2
                actions.append(
                    AIBriefingOutput.RecommendedAction(
                        title: overdue ? "Call \(customer.customerName)" : "Check in with \(customer.customerName)",
                        description: "\(days(customer.daysSinceLastOrder)) since their last order, "
                            + "\(ratio(customer.deviation)) their usual \(days(customer.expectedIntervalDays)) "
                            + "between orders. Reach out before the account lapses.",
                        priority: overdue ? .high : .medium))
                link("\(customer.customerName)'s orders", PortalLinks.customer(id: customer.customerId))
            }
        }

        private mutating func risk() {
            let atRisk = BriefingKeyMetrics.atRisk(context)
            guard !atRisk.isEmpty else {
                if let average = BriefingKeyMetrics.averageHealth(context) {
                    sentences.append("No account is at risk (average health \(average)/100).")
                }
                return
            }
            let named = atRisk.prefix(3).map { "\($0.customerName) (health \($0.score))" }
            let more = atRisk.count > 3 ? " and \(atRisk.count - 3) more" : ""
            sentences.append("At risk: \(list(named))\(more).")
            let alreadyActioned = Set(BriefingKeyMetrics.behindPace(context).prefix(3).map(\.customerId))
            for customer in atRisk.prefix(2) where !alreadyActioned.contains(customer.customerId) {
                let last = customer.lastOrderAt.map {
                    " Last order \(days(max(0, context.now.timeIntervalSince($0)) / InsightCalendar.secondsPerDay)) ago."
                } ?? ""
                actions.append(
                    AIBriefingOutput.RecommendedAction(
                        title: "Win back \(customer.customerName)",
                        description: "Health \(customer.score)/100, trending \(customer.trend.rawValue).\(last)",
                        priority: customer.score < 30 ? .high : .medium))
                link("\(customer.customerName)'s orders", PortalLinks.customer(id: customer.customerId))
            }
        }

        private mutating func opportunity() {
            guard let best = context.metrics.opportunities.first else { return }
            let product = context.productName(best.productId)
            let customer = context.customerName(best.customerId)
            sentences.append(
                "Best opportunity: \(product) for \(customer), about \(money(best.estimatedValueCents)) a month. "
                    + best.reason)
            for opportunity in context.metrics.opportunities.prefix(2) {
                let product = context.productName(opportunity.productId)
                actions.append(
                    AIBriefingOutput.RecommendedAction(
                        title: "Offer \(product) to \(context.customerName(opportunity.customerId))",
                        description: opportunity.reason
                            + " Estimated \(money(opportunity.estimatedValueCents)) a month.",
                        priority: .medium))
            }
            link(product, PortalLinks.product(id: best.productId))
        }

        private mutating func pending() {
            let pending = context.statusCounts[OrderStatus.pending.rawValue] ?? 0
            guard pending > 0 else {
                actions.append(
                    AIBriefingOutput.RecommendedAction(
                        title: "Review the weekly revenue trend",
                        description: "Compare this week's orders with the last 12 weeks in Insights.",
                        priority: .low))
                return
            }
            sentences.append("\(plural(pending, "order")) \(pending == 1 ? "is" : "are") still pending.")
            actions.append(
                AIBriefingOutput.RecommendedAction(
                    title: "Follow up \(plural(pending, "pending order"))",
                    description: "Make sure \(pending == 1 ? "it is" : "they are") confirmed and can ship.",
                    priority: .low))
            link("Pending orders (\(pending))", PortalLinks.orders(status: .pending))
        }
    }
}
