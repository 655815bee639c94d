import Foundation
import ArgumentParser
import LeoraKit
import TerminalUI
import PortalAPI
import TerminalSafety

struct Briefing: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Today's briefing: key metrics, recommended actions, links.")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Ask for a fresh briefing.") var refresh = false

    func run() async throws {
        try await CommandContext.run(global) { context in
            let refresh = self.refresh
            let payload = try await context.fetch { client in try await client.briefing(refresh: refresh) }
            context.output.show(payload, BriefingText.render(payload, in: context.timeZone))
        }
    }
}

struct Health: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The portal's health (needs no login).")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await CommandContext.run(global, requireLogin: false) { context in
            let report = try await context.client.health()
            let checks = report.checks
            context.output.show(report, """
                Status:   \(report.status)
                Database: \(checks.database.status) (\(checks.database.responseTime ?? 0) ms)
                Model:    \(checks.openai.status)
                Webhooks: \(checks.webhooks.status) (queue \(checks.webhooks.queueDepth ?? 0))
                """)
            if report.status == "unhealthy" { throw ExitCode(1) }
        }
    }
}

enum BriefingText {
    static func render(_ payload: BriefingPayload, in zone: TimeZone) -> TerminalText {
        let briefing = payload.briefing
        var lines: [TerminalText] = []
        if briefing.confidence == 0 {
            lines.append("⚠ The AI briefing is temporarily unavailable; these are the raw metrics.")
        }
        lines.append("\(briefing.summary)")
        lines.append("")
        for metric in briefing.keyMetrics {
            let glyph = metric.trend == .up ? "▲" : metric.trend == .down ? "▼" : "•"
            lines.append("  \(glyph) \(DisplayWidth.pad(TerminalSafeText.sanitized(metric.label), to: 28)) \(metric.value)")
        }
        for priority in Priority.allCases {
            let actions = briefing.recommendedActions.filter { $0.priority == priority }
            guard !actions.isEmpty else { continue }
            lines.append("")
            lines.append("\(priority.rawValue.capitalized) priority")
            for action in actions { lines.append("  - \(action.title): \(action.description)") }
        }
        if !briefing.drillDownLinks.isEmpty {
            lines.append("")
            lines.append("Links")
            for link in briefing.drillDownLinks { lines.append("  \(link.label): \(link.url)") }
        }
        lines.append("")
        lines.append("Confidence \(Int((briefing.confidence * 100).rounded()))% · sources: \(briefing.sourceDatasets.joined(separator: ", "))")
        lines.append(
            "Generated \(ShortDate.string(payload.generatedAt, in: zone)), until \(ShortDate.string(payload.expiresAt, in: zone)) (\(ShortDate.zoneName(zone)))\(payload.cached ? ", cached" : "")")
        return lines.joined(separator: "\n")
    }
}
