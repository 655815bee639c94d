import PortalAPI

/// A `BriefingWriter` that times each call of the language model behind it.
struct MeasuredBriefingWriter: BriefingWriter {
    let base: any BriefingWriter
    let model: String
    let metrics: PortalMetrics

    func write(_ context: BriefingContext) async throws -> AIBriefingOutput {
        try await metrics.measure(PortalMetrics.languageModelCallDuration, [("model", model)]) {
            try await base.write(context)
        }
    }
}
