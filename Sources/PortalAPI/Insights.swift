#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

public enum Trend: String, Codable, Sendable, CaseIterable { case up, down, stable }
public enum Priority: String, Codable, Sendable, CaseIterable { case high, medium, low }

/// The daily briefing written for a user.
public struct AIBriefingOutput: Codable, Sendable, Equatable {
    public struct KeyMetric: Codable, Sendable, Equatable {
        public var label: String
        public var value: String
        public var trend: Trend
        public init(label: String, value: String, trend: Trend) {
            self.label = label
            self.value = value
            self.trend = trend
        }
    }
    public struct RecommendedAction: Codable, Sendable, Equatable {
        public var title: String
        public var description: String
        public var priority: Priority
        public init(title: String, description: String, priority: Priority) {
            self.title = title
            self.description = description
            self.priority = priority
        }
    }
    public struct DrillDownLink: Codable, Sendable, Equatable {
        public var label: String
        /// A portal path beginning with `/portal/`.
        public var url: String
        public init(label: String, url: String) {
            self.label = label
            self.url = url
        }
    }

    public var summary: String
    public var keyMetrics: [KeyMetric]
    public var recommendedActions: [RecommendedAction]
    public var drillDownLinks: [DrillDownLink]
    /// 0 to 1; 0 marks the fallback briefing.
    public var confidence: Double
    public var sourceDatasets: [String]

    public init(
        summary: String, keyMetrics: [KeyMetric], recommendedActions: [RecommendedAction],
        drillDownLinks: [DrillDownLink], confidence: Double, sourceDatasets: [String]
    ) {
        self.summary = summary
        self.keyMetrics = keyMetrics
        self.recommendedActions = recommendedActions
        self.drillDownLinks = drillDownLinks
        self.confidence = confidence
        self.sourceDatasets = sourceDatasets
    }
}

/// `data` of `GET /api/portal/insights/briefing`.
public struct BriefingPayload: Codable, Sendable, Equatable {
    public var briefing: AIBriefingOutput
    public var generatedAt: Date
    public var expiresAt: Date
    public var cached: Bool
    public init(briefing: AIBriefingOutput, generatedAt: Date, expiresAt: Date, cached: Bool) {
        self.briefing = briefing
        self.generatedAt = generatedAt
        self.expiresAt = expiresAt
        self.cached = cached
    }
}

/// `data` of `GET /api/portal/insights/metrics`.
public struct InsightsMetrics: Codable, Sendable, Equatable {
    public struct HealthScore: Codable, Sendable, Equatable {
        public var customerId: String
        public var customerName: String
        public var score: Int
        public var trend: Trend
        public var lastOrderAt: Date?
        public init(customerId: String, customerName: String, score: Int, trend: Trend, lastOrderAt: Date?) {
            self.customerId = customerId
            self.customerName = customerName
            self.score = score
            self.trend = trend
            self.lastOrderAt = lastOrderAt
        }
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(customerId, forKey: .customerId)
            try container.encode(customerName, forKey: .customerName)
            try container.encode(score, forKey: .score)
            try container.encode(trend, forKey: .trend)
            try container.encode(lastOrderAt, forKey: .lastOrderAt)
        }
    }
    public struct PaceDeviation: Codable, Sendable, Equatable {
        public var customerId: String
        public var customerName: String
        public var expectedIntervalDays: Double
        public var daysSinceLastOrder: Double
        /// `daysSinceLastOrder / expectedIntervalDays`.
        public var deviation: Double
        public init(customerId: String, customerName: String, expectedIntervalDays: Double, daysSinceLastOrder: Double, deviation: Double) {
            self.customerId = customerId
            self.customerName = customerName
            self.expectedIntervalDays = expectedIntervalDays
            self.daysSinceLastOrder = daysSinceLastOrder
            self.deviation = deviation
        }
    }
    public struct RevenueTrend: Codable, Sendable, Equatable {
        public var periodStart: Date
        public var revenueCents: Int
        public var orderCount: Int
        public init(periodStart: Date, revenueCents: Int, orderCount: Int) {
            self.periodStart = periodStart
            self.revenueCents = revenueCents
            self.orderCount = orderCount
        }
    }
    public struct Opportunity: Codable, Sendable, Equatable {
        public var customerId: String
        public var productId: String
        public var reason: String
        public var estimatedValueCents: Int
        public init(customerId: String, productId: String, reason: String, estimatedValueCents: Int) {
            self.customerId = customerId
            self.productId = productId
            self.reason = reason
            self.estimatedValueCents = estimatedValueCents
        }
    }

    public var healthScores: [HealthScore]
    public var paceDeviations: [PaceDeviation]
    public var revenueTrends: [RevenueTrend]
    public var opportunities: [Opportunity]

    public init(healthScores: [HealthScore], paceDeviations: [PaceDeviation], revenueTrends: [RevenueTrend], opportunities: [Opportunity]) {
        self.healthScores = healthScores
        self.paceDeviations = paceDeviations
        self.revenueTrends = revenueTrends
        self.opportunities = opportunities
    }
}
