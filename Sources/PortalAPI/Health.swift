#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Answer of `GET /api/health` (not enveloped).
public struct HealthReport: Codable, Sendable, Equatable {
    public struct Check: Codable, Sendable, Equatable {
        public var status: String
        /// Milliseconds.
        public var responseTime: Int?
        public var queueDepth: Int?
        public init(status: String, responseTime: Int? = nil, queueDepth: Int? = nil) {
            self.status = status
            self.responseTime = responseTime
            self.queueDepth = queueDepth
        }
    }
    public struct Checks: Codable, Sendable, Equatable {
        public var database: Check
        public var openai: Check
        public var webhooks: Check
        public init(database: Check, openai: Check, webhooks: Check) {
            self.database = database
            self.openai = openai
            self.webhooks = webhooks
        }
    }

    /// `healthy`, `degraded` or `unhealthy`.
    public var status: String
    public var checks: Checks
    public var timestamp: Date

    public init(status: String, checks: Checks, timestamp: Date) {
        self.status = status
        self.checks = checks
        self.timestamp = timestamp
    }
}
