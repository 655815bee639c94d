import Foundation
import NcursesBackend
import PortalAPI
import TerminalUI

/// Today's briefing: the summary, key metrics, recommended actions by priority, drill-down links,
/// the confidence bar, sources and times; a banner when it is the fallback (`confidence == 0`).
public struct BriefingState: Sendable, Equatable {
    public var payload: BriefingPayload?
    public var isLoading = false
    public var failure: LoadFailure?
    public var updatedAt: Date?
    public var scroll = 0

    public init(payload: BriefingPayload? = nil, updatedAt: Date? = nil) {
        self.payload = payload
        self.updatedAt = updatedAt
    }
}

public enum BriefingAction: Sendable, Equatable {
    case load
    case loaded(BriefingPayload)
    case failed(LoadFailure)
    case scroll(Int)
    case scrollToTop
}

public enum BriefingScreen {
    static let loadEffect = EffectID("briefing.load")

    public static let keymap = Keymap([
        KeyBinding([.character("j"), .down], label: "scroll", help: "Scroll down", action: .briefing(.scroll(1)), section: "Briefing"),
        KeyBinding([.character("k"), .up], label: "up", help: "Scroll up", action: .briefing(.scroll(-1)), section: "Briefing", inFooter: false),
        KeyBinding([.pageDown, .character(" ")], label: "page", help: "Scroll down a page", action: .briefing(.scroll(10)), section: "Briefing", inFooter: false),
        KeyBinding([.pageUp], label: "page up", help: "Scroll up a page", action: .briefing(.scroll(-10)), section: "Briefing", inFooter: false),
        KeyBinding([.character("g")], label: "top", help: "Back to the top", action: .briefing(.scrollToTop), section: "Briefing", inFooter: false),
    ])

    public static func reduce(into state: inout BriefingState, _ action: BriefingAction, _ dependencies: AppDependencies) -> Effect<BriefingAction> {
        switch action {
        case .load:
            state.isLoading = true
            let briefing = dependencies.briefing
            return .load(id: loadEffect, briefing, loaded: { .loaded($0) }, failed: { .failed($0) })
        case .loaded(let payload):
            state.payload = payload
            state.isLoading = false
            state.failure = nil
            state.updatedAt = dependencies.now()
            return .none
        case .failed(let failure):
            state.isLoading = false
            state.failure = failure
            return .none
        case .scroll(let delta):
            state.scroll = max(0, state.scroll + delta)
            return .none
        case .scrollToTop:
            state.scroll = 0
            return .none
        }
    }

    /// The pane's text, line by line, for `width` columns.
    public static func lines(_ state: BriefingState, width: Int, timeZone: TimeZone) -> [StyledLine] {
        var lines: [StyledLine] = []
        if let failure = state.failure {
            lines.append(StyledLine("✗ " + failure.message, Style(.danger)))
            if state.payload != nil { lines.append(StyledLine("  Showing the last briefing received.", Style(.muted))) }
            lines.append(.blank)
        }
        guard let payload = state.payload else {
            if state.failure == nil { lines.append(StyledLine("Loading today's briefing…", Style(.muted))) }
            return lines
        }
        let briefing = payload.briefing
        if briefing.confidence == 0 {
            let banner = " ! Fallback briefing: the assistant was unavailable; basic figures only. "
            lines.append(StyledLine(DisplayWidth.pad(DisplayWidth.truncate(banner, to: width), to: width), Style(foreground: .role(.background), background: .role(.warning)).bold))
            lines.append(.blank)
        }
        lines.append(StyledLine("Summary", Style(.title).bold))
        lines += StyledLine.wrapped(briefing.summary, width: width)
        if !briefing.keyMetrics.isEmpty {
            lines.append(.blank)
            lines.append(StyledLine("Key metrics", Style(.title).bold))
            let labelWidth = min(28, briefing.keyMetrics.map { DisplayWidth.of($0.label) }.max() ?? 0)
            for metric in briefing.keyMetrics {
                let (glyph, role): (String, ColorRole) =
                    switch metric.trend {
                    case .up: ("▲", .trendUp)
                    case .down: ("▼", .trendDown)
                    case .stable: ("–", .muted)
                    }
                lines.append(
                    StyledLine([
                        .init("  "), .init(glyph, Style(role)), .init(" " + DisplayWidth.pad(DisplayWidth.truncate(metric.label, to: labelWidth), to: labelWidth) + "  "),
                        .init(metric.value, Style(.text).bold),
                    ]))
            }
        }
        if !briefing.recommendedActions.isEmpty {
            lines.append(.blank)
            lines.append(StyledLine("Recommended actions", Style(.title).bold))
            for priority in Priority.allCases {
                let actions = briefing.recommendedActions.filter { $0.priority == priority }
                guard !actions.isEmpty else { continue }
                let role: ColorRole = priority == .high ? .danger : priority == .medium ? .warning : .info
                lines.append(StyledLine("  \(priority.rawValue.capitalized) priority", Style(role).bold))
                for action in actions {
                    let text = action.description.isEmpty ? action.title : "\(action.title) — \(action.description)"
                    var wrapped = StyledLine.wrapped(text, width: width, indent: 6)
                    if !wrapped.isEmpty { wrapped[0] = StyledLine("    • " + String(wrapped[0].spans[0].text.dropFirst(6))) }
                    lines += wrapped
                }
            }
        }
        if !briefing.drillDownLinks.isEmpty {
            lines.append(.blank)
            lines.append(StyledLine("Links", Style(.title).bold))
            for link in briefing.drillDownLinks {
                lines.append(StyledLine([.init("  → "), .init(link.label, Style(.accent).underline), .init("  " + link.url, Style(.muted))]))
            }
        }
        lines.append(.blank)
        let label = "Confidence "
        let percent = " \(Int((min(1, max(0, briefing.confidence)) * 100).rounded()))%"
        let barWidth = max(4, min(30, width - DisplayWidth.of(label) - DisplayWidth.of(percent)))
        let bar = ProgressBar.bar(ratio: briefing.confidence, width: barWidth)
        let barRole: ColorRole = briefing.confidence < 0.4 ? .danger : briefing.confidence < 0.7 ? .warning : .success
        lines.append(StyledLine([.init(label, Style(.muted)), .init(bar.filled, Style(barRole)), .init(bar.empty, Style(.muted)), .init(percent)]))
        if !briefing.sourceDatasets.isEmpty {
            lines += StyledLine.wrapped("Sources: " + briefing.sourceDatasets.joined(separator: ", "), width: width, style: Style(.muted))
        }
        lines.append(
            StyledLine(
                "Generated \(TimeText.dateTime(payload.generatedAt, in: timeZone)) · expires \(TimeText.dateTime(payload.expiresAt, in: timeZone))",
                Style(.muted)))
        return lines
    }

    public static func render(_ state: BriefingState, context: RenderContext, into buffer: inout Buffer, area: Rect) {
        let inner = area.inset(horizontal: 1)
        let content = lines(state, width: inner.width, timeZone: context.timeZone)
        let scroll = min(state.scroll, max(0, content.count - inner.height))
        StyledLine.render(content, scroll: scroll, into: &buffer, area: inner)
    }
}
