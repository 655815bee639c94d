import PortalAPI

/// Makes a written briefing (typically a language model's) safe to serve: drops links the
/// `DrillDownLinkFilter` refuses, puts the exact "Recent Orders" metric first (replacing any
/// the writer made up), keeps `confidence` within 0.01...1 (0 is reserved for the fallback)
/// and records the context's `sourceDatasets`.
enum BriefingSanitizer {
    static let minimumConfidence = 0.01

    static func sanitize(
        _ briefing: AIBriefingOutput, context: BriefingContext, filter: DrillDownLinkFilter
    ) -> AIBriefingOutput {
        var result = briefing
        result.drillDownLinks = filter.filter(briefing.drillDownLinks)
        let recent = BriefingKeyMetrics.recentOrders(
            count: context.recentOrderCount, previousWeek: context.previousWeekOrderCount)
        result.keyMetrics = [recent] + briefing.keyMetrics.filter {
            normalized($0.label) != normalized(recent.label)
        }
        let confidence = briefing.confidence.isFinite ? briefing.confidence : minimumConfidence
        result.confidence = min(1, max(minimumConfidence, confidence))
        result.sourceDatasets = context.sourceDatasets
        return result
    }

    /// `label` lower-cased without whitespace, so "recent orders " matches "Recent Orders".
    private static func normalized(_ label: String) -> String {
        String(label.lowercased().filter { !$0.isWhitespace })
    }
}
