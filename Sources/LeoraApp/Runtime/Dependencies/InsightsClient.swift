import LeoraKit
import PortalAPI

/// The briefing, the metrics behind its trends, and the portal's health.
public struct InsightsClient: Sendable {
    public var briefing: @Sendable () -> Answers<BriefingPayload>
    public var metrics: @Sendable () -> Answers<InsightsMetrics>
    public var health: @Sendable () async throws -> HealthReport

    public init(
        briefing: @escaping @Sendable () -> Answers<BriefingPayload>, metrics: @escaping @Sendable () -> Answers<InsightsMetrics>,
        health: @escaping @Sendable () async throws -> HealthReport
    ) {
        self.briefing = briefing
        self.metrics = metrics
        self.health = health
    }

    static func live(data: PortalData) -> InsightsClient {
        InsightsClient(
            briefing: { data.answers(PortalQueryKeys.briefing) { try await $0.briefing() } },
            metrics: { data.answers(PortalQueryKeys.metrics(weeks: 12)) { try await $0.metrics(weeks: 12) } },
            health: { try await data.session.client.health() })
    }
}
