import PortalAPI

/// The contract's fallback briefing, served when the writer is not configured or fails:
/// the raw key metrics (always "Recent Orders"), `confidence: 0`, a summary saying the
/// briefing is "temporarily unavailable", no actions and no links. Serve it with an
/// `expiresAt` at most 5 minutes after `generatedAt`.
enum FallbackBriefing {
    static let summary = "AI briefing temporarily unavailable. Here are your key metrics."

    /// The fallback with every raw key metric of `context`.
    static func make(for context: BriefingContext) -> AIBriefingOutput {
        AIBriefingOutput(
            summary: summary, keyMetrics: BriefingKeyMetrics.keyMetrics(for: context), recommendedActions: [],
            drillDownLinks: [], confidence: 0, sourceDatasets: context.sourceDatasets)
    }

    /// The minimal fallback when not even the metrics could be computed.
    static func make(
        recentOrderCount: Int, previousWeekOrderCount: Int = 0, sourceDatasets: [String] = ["orders"]
    ) -> AIBriefingOutput {
        AIBriefingOutput(
            summary: summary,
            keyMetrics: [
                BriefingKeyMetrics.recentOrders(count: recentOrderCount, previousWeek: previousWeekOrderCount)
            ],
            recommendedActions: [], drillDownLinks: [], confidence: 0, sourceDatasets: sourceDatasets)
    }
}
