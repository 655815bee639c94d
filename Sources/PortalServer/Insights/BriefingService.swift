import Foundation
import Logging
import PortalAPI

/// Serves the daily briefing: cached per user until `expiresAt` (24 h; 5 minutes for the fallback),
/// regenerated on `refresh=true` unless the last one is under `refreshInterval` old, and after an
/// order is placed or cancelled (storage drops the cached one).
struct BriefingService: Sendable {
    let storage: any PortalStorage
    let writer: (any BriefingWriter)?
    let clock: PortalClock
    let modelStatus: ModelStatus
    var refreshInterval: TimeInterval = 60
    var lifetime: TimeInterval = 24 * 3600
    var fallbackLifetime: TimeInterval = 5 * 60
    let logger: Logger

    func briefing(_ scope: TenantScope, refresh: Bool) async throws -> BriefingPayload {
        let now = clock.now()
        if let cached = try await storage.cachedBriefing(scope), cached.expiresAt > now,
            !refresh || now.timeIntervalSince(cached.generatedAt) < refreshInterval
        {
            return BriefingPayload(briefing: cached.briefing, generatedAt: cached.generatedAt, expiresAt: cached.expiresAt, cached: true)
        }
        let dataset = try await storage.insightDataset(scope, at: now)
        let context = BriefingContext(dataset: dataset, metrics: InsightsEngine.metrics(for: dataset))
        let briefing = await write(context, filter: DrillDownLinkFilter(dataset: dataset))
        let expiresAt = now.addingTimeInterval(briefing.confidence == 0 ? fallbackLifetime : lifetime)
        try await storage.saveBriefing(scope, CachedBriefing(briefing: briefing, generatedAt: now, expiresAt: expiresAt))
        return BriefingPayload(briefing: briefing, generatedAt: now, expiresAt: expiresAt, cached: false)
    }

    /// The writer's briefing made safe to serve, or the fallback when there is no writer or it fails.
    private func write(_ context: BriefingContext, filter: DrillDownLinkFilter) async -> AIBriefingOutput {
        guard let writer else { return FallbackBriefing.make(for: context) }
        do {
            let written = try await writer.write(context)
            await modelStatus.record(success: true)
            return BriefingSanitizer.sanitize(written, context: context, filter: filter)
        } catch {
            await modelStatus.record(success: false)
            logger.warning("briefing writer failed; serving the fallback", metadata: ["error": "\(error)"])
            return FallbackBriefing.make(for: context)
        }
    }
}

/// The language model's last known state, for `/api/health`.
actor ModelStatus {
    let configured: Bool
    private(set) var lastCallSucceeded = true

    init(configured: Bool) { self.configured = configured }

    func record(success: Bool) { lastCallSucceeded = success }

    /// `not_configured`, `up` or `down`.
    var state: String {
        !configured ? "not_configured" : lastCallSucceeded ? "up" : "down"
    }
}
