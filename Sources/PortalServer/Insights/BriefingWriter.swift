import PortalAPI

/// Writes a user's daily briefing from a `BriefingContext` (a language model, or the
/// deterministic writer). Callers sanitize the result (`BriefingSanitizer`) and fall back to
/// `FallbackBriefing` when it throws.
protocol BriefingWriter: Sendable {
    func write(_ context: BriefingContext) async throws -> AIBriefingOutput
}
