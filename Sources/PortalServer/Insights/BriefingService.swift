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

/// The language model's state, for `/api/health`: probed (at most every `probeInterval`) rather than
/// assumed up until a call fails; a briefing call's outcome counts as a fresh probe.
actor ModelStatus {
    let configured: Bool
    private let probe: @Sendable () async -> Bool
    private let probeInterval: TimeInterval
    private var last: (at: ContinuousClock.Instant, up: Bool)?

    init(configured: Bool, probeInterval: TimeInterval = 30, probe: @escaping @Sendable () async -> Bool = { true }) {
        self.configured = configured
        self.probeInterval = probeInterval
        self.probe = probe
    }

    func record(success: Bool) { last = (ContinuousClock.now, success) }

    /// `not_configured`, `up` or `down`.
    var state: String {
        get async {
            guard configured else { return "not_configured" }
            if let last, ContinuousClock.now - last.at < .seconds(probeInterval) { return last.up ? "up" : "down" }
            let up = await probe()
            last = (ContinuousClock.now, up)
            return up ? "up" : "down"
        }
    }
}
