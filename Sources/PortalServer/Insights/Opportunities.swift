#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI

/// Cross-sell opportunities: products that similar customers buy and a customer does not.
///
/// Two customers are similar when they share at least `minimumSharedProducts` purchased
/// products. For each customer, every active catalogue product bought by a similar customer
/// but never by this one is a candidate, ranked by how many similar customers buy it, then by
/// value. `estimatedValueCents` is the average, over the similar customers who buy it, of
/// their monthly spend on it (their spend on the product ÷ the 30-day months from their first
/// order to `now`, at least one month). Each customer keeps its best `perCustomer`
/// candidates; the overall list is sorted by value (descending), then customer id and product
/// id, and cut to `maximumTotal`.
enum Opportunities {
    static let minimumSharedProducts = 2
    static let perCustomer = 3
    static let maximumTotal = 20
    static let daysPerMonth: Double = 30

    private struct Candidate {
        var productId: String
        var buyers: Int
        var similar: Int
        var valueCents: Int
    }

    static func opportunities(
        orders: [InsightOrder], products: [InsightProduct], now: Date
    ) -> [InsightsMetrics.Opportunity] {
        let active = orders.filter { !$0.isCancelled }
        let catalogue = Dictionary(products.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let byCustomer = Dictionary(grouping: active, by: \.customerId)

        var bought: [String: Set<String>] = [:]
        var spend: [String: [String: Int]] = [:]
        var monthsOfHistory: [String: Double] = [:]
        var names: [String: String] = [:]
        for (customerId, customerOrders) in byCustomer {
            var productSpend: [String: Int] = [:]
            for line in customerOrders.flatMap(\.lines) {
                productSpend[line.productId, default: 0] += line.lineTotalCents
            }
            spend[customerId] = productSpend
            bought[customerId] = Set(productSpend.keys)
            let first = customerOrders.map(\.createdAt).min() ?? now
            monthsOfHistory[customerId] = max(1, InsightCalendar.days(from: first, to: now) / daysPerMonth)
            names[customerId] = HealthScoring.latestName(customerOrders)
        }

        var result: [InsightsMetrics.Opportunity] = []
        for customerId in bought.keys.sorted() {
            let mine = bought[customerId] ?? []
            guard mine.count >= minimumSharedProducts else { continue }
            let similar = bought.keys.sorted().filter { other in
                other != customerId && (bought[other] ?? []).intersection(mine).count >= minimumSharedProducts
            }
            guard !similar.isEmpty else { continue }

            var monthly: [String: [Double]] = [:]
            for other in similar {
                let months = monthsOfHistory[other] ?? 1
                for (productId, cents) in spend[other] ?? [:] where !mine.contains(productId) {
                    guard catalogue[productId]?.active == true else { continue }
                    monthly[productId, default: []].append(Double(cents) / months)
                }
            }
            let candidates = monthly.map { productId, values in
                Candidate(
                    productId: productId, buyers: values.count, similar: similar.count,
                    valueCents: Int((values.reduce(0, +) / Double(values.count)).rounded()))
            }
            .sorted {
                if $0.buyers != $1.buyers { return $0.buyers > $1.buyers }
                if $0.valueCents != $1.valueCents { return $0.valueCents > $1.valueCents }
                return $0.productId < $1.productId
            }
            for candidate in candidates.prefix(perCustomer) {
                let productName = catalogue[candidate.productId]?.name ?? candidate.productId
                result.append(
                    InsightsMetrics.Opportunity(
                        customerId: customerId, productId: candidate.productId,
                        reason: reason(
                            buyers: candidate.buyers, similar: candidate.similar, productName: productName,
                            customerName: names[customerId] ?? customerId),
                        estimatedValueCents: candidate.valueCents))
            }
        }
        result.sort {
            if $0.estimatedValueCents != $1.estimatedValueCents {
                return $0.estimatedValueCents > $1.estimatedValueCents
            }
            return ($0.customerId, $0.productId) < ($1.customerId, $1.productId)
        }
        return Array(result.prefix(maximumTotal))
    }

    /// e.g. "3 of 4 similar customers buy Chablis 2022; Harbor Grill has never ordered it."
    static func reason(buyers: Int, similar: Int, productName: String, customerName: String) -> String {
        let who: String
        if similar == 1 {
            who = "The one similar customer buys"
        } else if buyers == similar {
            who = similar == 2 ? "Both similar customers buy" : "All \(similar) similar customers buy"
        } else {
            who = "\(buyers) of \(similar) similar customers buy"
        }
        return "\(who) \(productName); \(customerName) has never ordered it."
    }
}
