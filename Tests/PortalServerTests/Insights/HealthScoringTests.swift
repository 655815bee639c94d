#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI
import Testing
@testable import PortalServer

@Suite("Health scoring")
struct HealthScoringTests {
    typealias F = InsightFixtures

    @Test func steadyCustomerOnRhythmScoresFull() {
        // Every 10 days, last 5 days ago: 9 orders in each 90-day window.
        let orders = F.orders("c", daysAgo: Array(stride(from: 5.0, through: 175, by: 10)))
        let health = InsightsEngine.health(ofCustomerOrders: orders, now: F.now)
        #expect(health.score == 100)
        #expect(health.trend == .stable)
        #expect(health.lastOrderAt == F.daysAgo(5))
    }

    @Test func lapsedCustomerScoresZeroAndTrendsDown() {
        var orders = F.orders("c", daysAgo: Array(stride(from: 95.0, through: 175, by: 10)))
        orders.append(F.order("c", at: F.daysAgo(1), total: 50_000, status: "cancelled"))
        let health = HealthScoring.health(of: orders, now: F.now)
        #expect(health.score == 0)
        #expect(health.trend == .down)
        #expect(health.lastOrderAt == F.daysAgo(95), "the cancelled order is ignored")
    }

    @Test func halfwayCustomerScoresFifty() {
        // Rhythm (median interval) 10 days; 20 days since the last order → recency 0.5;
        // 3 orders in the last 90 days vs 6 before → frequency 0.5 and spend 0.5.
        let orders = F.orders("c", daysAgo: [20, 30, 40, 100, 110, 120, 130, 140, 150])
        let health = HealthScoring.health(of: orders, now: F.now)
        #expect(health.score == 50)
        #expect(health.trend == .down, "two rhythms overdue")
    }

    @Test func spendDropLowersScoreAndTrend() {
        let recent = F.orders("c", daysAgo: Array(stride(from: 5.0, through: 85, by: 10)), total: 800)
        let prior = F.orders("c", daysAgo: Array(stride(from: 95.0, through: 175, by: 10)), total: 1_000)
        let health = HealthScoring.health(of: recent + prior, now: F.now)
        #expect(health.score == 94)  // 40 + 30 + 30 × 0.8
        #expect(health.trend == .down)
    }

    @Test func spendGrowthTrendsUp() {
        let recent = F.orders("c", daysAgo: Array(stride(from: 5.0, through: 85, by: 10)), total: 1_200)
        let prior = F.orders("c", daysAgo: Array(stride(from: 95.0, through: 175, by: 10)), total: 1_000)
        let health = HealthScoring.health(of: recent + prior, now: F.now)
        #expect(health.score == 100)
        #expect(health.trend == .up)
    }

    @Test func newCustomerWithOneRecentOrderIsHealthy() {
        let health = HealthScoring.health(of: F.orders("c", daysAgo: [3]), now: F.now)
        #expect(health.score == 100)
        #expect(health.trend == .up)
    }

    @Test func customerWithoutOrdersScoresZero() {
        let health = HealthScoring.health(of: [F.order("c", at: F.daysAgo(2), status: "cancelled")], now: F.now)
        #expect(health == CustomerHealth(score: 0, trend: .stable, lastOrderAt: nil))
    }

    @Test func metricsListHealthWorstFirstWithLatestName() {
        var orders = F.orders("c_a", name: "Alpha", daysAgo: Array(stride(from: 5.0, through: 175, by: 10)))
        orders += F.orders("c_b", name: "Bravo", daysAgo: Array(stride(from: 95.0, through: 175, by: 10)))
        orders += F.orders("c_c", name: "Charlie old", daysAgo: [100, 110, 120, 130, 140, 150])
        orders += F.orders("c_c", name: "Charlie", daysAgo: [20, 30, 40])
        orders.append(F.order("c_x", name: "Cancelled only", at: F.daysAgo(1), status: "cancelled"))
        let dataset = InsightDataset(orders: orders, products: [], now: F.now, currency: "USD")
        let scores = InsightsEngine.metrics(for: dataset).healthScores
        #expect(scores.map(\.customerId) == ["c_b", "c_c", "c_a"])
        #expect(scores.map(\.score) == [0, 50, 100])
        #expect(scores[1].customerName == "Charlie")
        #expect(InsightsEngine.healthByCustomer(orders: orders, now: F.now)["c_c"]?.score == 50)
        #expect(InsightsEngine.healthByCustomer(orders: orders, now: F.now)["c_x"] == nil)
    }
}
