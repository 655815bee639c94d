import Foundation
import LeoraKit
import PortalAPI
import TerminalUI

/// Today's briefing: the summary, key metrics, recommended actions by priority, drill-down links,
/// the confidence bar, sources and times; a banner when it is the fallback (`confidence == 0`).
/// Below it, from `/insights/metrics`: weekly revenue as a sparkline, the customers at risk and
/// those behind their usual pace. Links and customers can be selected (`n`/`p`) and opened (Enter).
public struct BriefingState: PaneStateValue {
    public var payload: BriefingPayload?
    public var load = LoadState()
    public var metrics: InsightsMetrics?
    /// The metrics' own load; when they arrived says which week is still running.
    public var metricsLoad = LoadState()
    public var scroll = 0
    /// Where the pane is drawn (the main layout's content area): what keeps a selected link in view.
    public var area = Rect(x: 0, y: 1, width: 80, height: 21)
    /// Which of `BriefingScreen.targets` is selected.
    public var selectedTarget: Int?
    /// The tenant's currency, for revenue.
    public var currency = "USD"

    public init() { self.init(payload: nil) }

    public init(payload: BriefingPayload?, updatedAt: Date? = nil) {
        self.payload = payload
        if let updatedAt { load.succeeded(at: updatedAt) }
    }
}

public enum BriefingAction: Sendable, Equatable {
    case load
    /// The briefing, and when the portal gave it (nil: just now).
    case loaded(BriefingPayload, updatedAt: Date? = nil)
    case failed(LoadFailure)
    case metricsLoaded(InsightsMetrics)
    case metricsFailed(LoadFailure)
    case scroll(Int)
    case scrollToTop
    case selectTarget(Int)
    case openTarget
    case delegate(PaneDelegate)
}

/// Something on the briefing that opens another pane: a drill-down link or a customer.
public struct BriefingTarget: Sendable, Equatable {
    public var label: String
    public var destination: DrillDown
}

public enum BriefingScreen {
    static let lifetime = EffectID("briefing")
    static let loadEffect = lifetime.appending("load")
    static let metricsEffect = lifetime.appending("metrics")
    /// A health score below this marks a customer at risk.
    static let atRiskScore = 50
    /// Days since the last order over the usual interval at or above this marks a customer behind pace.
    static let behindPaceDeviation = 1.5
    /// Customers listed in each of the two lists.
    static let listedCustomers = 5

    public static let keymap = Keymap([
        KeyBinding([.character("j"), .down], label: "scroll", help: "Scroll down", action: .briefing(.scroll(1)), section: "Briefing"),
        KeyBinding([.character("k"), .up], label: "up", help: "Scroll up", action: .briefing(.scroll(-1)), section: "Briefing", inFooter: false),
        KeyBinding([.pageDown, .character(" ")], label: "page", help: "Scroll down a page", action: .briefing(.scroll(10)), section: "Briefing", inFooter: false),
        KeyBinding([.pageUp], label: "page up", help: "Scroll up a page", action: .briefing(.scroll(-10)), section: "Briefing", inFooter: false),
        KeyBinding([.character("g")], label: "top", help: "Back to the top", action: .briefing(.scrollToTop), section: "Briefing", inFooter: false),
        KeyBinding([.character("n")], label: "next link", help: "Select the next link or customer", action: .briefing(.selectTarget(1)), section: "Briefing"),
        KeyBinding([.character("p")], label: "previous link", help: "Select the previous link or customer", action: .briefing(.selectTarget(-1)), section: "Briefing", inFooter: false),
        KeyBinding([.enter], label: "open", help: "Open the selected link in its pane", action: .briefing(.openTarget), section: "Briefing"),
    ])

    public static func reduce(into state: inout BriefingState, _ action: BriefingAction, _ dependencies: AppDependencies) -> Effect<BriefingAction> {
        switch action {
        case .load:
            state.load.started()
            state.metricsLoad.started()
            let briefing = dependencies.insights.briefing
            let metrics = dependencies.insights.metrics
            return .merge(
                .observe(id: loadEffect, briefing, loaded: { .loaded($0.value, updatedAt: $0.updatedAt) }, failed: { .failed($0) }),
                .observe(id: metricsEffect, metrics, loaded: { .metricsLoaded($0.value) }, failed: { .metricsFailed($0) }))
        case .loaded(let payload, let updatedAt):
            state.payload = payload
            state.load.succeeded(at: updatedAt ?? dependencies.now())
            keepSelection(&state)
            return .none
        case .failed(let failure):
            state.load.failed(failure)
            return .none
        case .metricsLoaded(let metrics):
            state.metrics = metrics
            state.metricsLoad.succeeded(at: dependencies.now())
            keepSelection(&state)
            return .none
        case .metricsFailed(let failure):
            state.metricsLoad.failed(failure)
            return .none
        case .scroll(let delta):
            // Not past the last line: scrolling back up must move the text at once.
            state.scroll = max(0, min(state.scroll + delta, lastScroll(state)))
            return .none
        case .scrollToTop:
            state.scroll = 0
            return .none
        case .selectTarget(let step):
            let count = targets(state).count
            guard count > 0 else { return .none }
            state.selectedTarget = state.selectedTarget.map { ($0 + step % count + count) % count } ?? (step > 0 ? 0 : count - 1)
            scrollToSelection(&state)
            return .none
        case .openTarget:
            let all = targets(state)
            guard let index = state.selectedTarget, all.indices.contains(index) else { return .none }
            return .send(.delegate(.open(all[index].destination)))
        case .delegate:
            return .none
        }
    }

    /// What can be opened, in screen order: the drill-down links the app understands, then the
    /// customers at risk, then those behind pace.
    public static func targets(_ state: BriefingState) -> [BriefingTarget] {
        var result = (state.payload?.briefing.drillDownLinks ?? []).compactMap { link in
            DrillDown(url: link.url).map { BriefingTarget(label: link.label, destination: $0) }
        }
        result += atRisk(state.metrics).map { BriefingTarget(label: $0.customerName, destination: .customer(id: $0.customerId, name: $0.customerName)) }
        result += behindPace(state.metrics).map { BriefingTarget(label: $0.customerName, destination: .customer(id: $0.customerId, name: $0.customerName)) }
        return result
    }

    static func atRisk(_ metrics: InsightsMetrics?) -> [InsightsMetrics.HealthScore] {
        Array((metrics?.healthScores ?? []).filter { $0.score < atRiskScore }.sorted { $0.score < $1.score }.prefix(listedCustomers))
    }

    static func behindPace(_ metrics: InsightsMetrics?) -> [InsightsMetrics.PaceDeviation] {
        Array((metrics?.paceDeviations ?? []).filter { $0.deviation >= behindPaceDeviation }.sorted { $0.deviation > $1.deviation }.prefix(listedCustomers))
    }

    /// A new answer may have fewer targets: keep the selection in range.
    private static func keepSelection(_ state: inout BriefingState) {
        guard let selected = state.selectedTarget else { return }
        let count = targets(state).count
        state.selectedTarget = count == 0 ? nil : min(selected, count - 1)
    }

    /// The furthest the text scrolls: its last line at the bottom of the pane.
    static func lastScroll(_ state: BriefingState) -> Int {
        let text = area(state)
        return max(0, lines(state, width: text.width, timeZone: TimeZone(identifier: "UTC") ?? .current).count - text.height)
    }

    /// Scrolls so the selected target's line is on screen.
    private static func scrollToSelection(_ state: inout BriefingState) {
        let text = area(state)
        let content = lines(state, width: text.width, timeZone: TimeZone(identifier: "UTC") ?? .current)
        guard let line = content.firstIndex(where: \.isSelection) else { return }
        if line < state.scroll { state.scroll = max(0, line - 1) }
        if line >= state.scroll + text.height { state.scroll = line - text.height + 2 }
    }

    /// Where the text goes: the pane's area less a column each side.
    static func area(_ state: BriefingState) -> Rect { state.area.inset(horizontal: 1) }

    /// The pane's text, line by line, for `width` columns.
    public static func lines(_ state: BriefingState, width: Int, timeZone: TimeZone) -> [StyledLine] {
        var lines: [StyledLine] = []
        if let failure = state.load.failure {
            lines.append(StyledLine("✗ " + failure.message, Style(.danger)))
            if state.payload != nil { lines.append(StyledLine("  Showing the last briefing received.", Style(.muted))) }
            lines.append(.blank)
        }
        guard let payload = state.payload else {
            if state.load.failure == nil { lines.append(StyledLine("Loading today's briefing…", Style(.muted))) }
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
        var targetIndex = 0
        func targetLine(_ prefix: String, _ label: String, _ rest: [StyledLine.Span]) -> StyledLine {
            let selected = state.selectedTarget == targetIndex
            targetIndex += 1
            let labelStyle = selected ? Style(foreground: .role(.selectionText), background: .role(.selection)).bold : Style(.accent).underline
            var line = StyledLine([.init(prefix), .init(label, labelStyle)] + rest)
            line.isSelection = selected
            return line
        }
        if !briefing.drillDownLinks.isEmpty {
            lines.append(.blank)
            lines.append(StyledLine("Links", Style(.title).bold))
            for link in briefing.drillDownLinks {
                if DrillDown(url: link.url) != nil {
                    lines.append(targetLine("  → ", link.label, [.init("  " + link.url, Style(.muted))]))
                } else {
                    lines.append(StyledLine([.init("    " + link.label + "  "), .init(link.url, Style(.muted))]))
                }
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
        lines += metricsLines(state, width: width, timeZone: timeZone, target: targetLine)
        return lines
    }

    /// The section from `/insights/metrics`: revenue sparkline, customers at risk, behind pace.
    static func metricsLines(
        _ state: BriefingState, width: Int, timeZone: TimeZone, target: (String, String, [StyledLine.Span]) -> StyledLine
    ) -> [StyledLine] {
        var lines: [StyledLine] = [.blank]
        guard let metrics = state.metrics else {
            if let failure = state.metricsLoad.failure {
                lines.append(StyledLine("✗ Trends unavailable: " + failure.message, Style(.danger)))
            } else if state.metricsLoad.isLoading {
                lines.append(StyledLine("Loading trends…", Style(.muted)))
            }
            return lines
        }
        let weeks = metrics.revenueTrends.sorted { $0.periodStart < $1.periodStart }
        lines.append(StyledLine("Revenue by week (last \(weeks.count))", Style(.title).bold))
        if !weeks.isEmpty {
            // The newest week is usually still running: compare the last two complete weeks.
            let received = state.metricsLoad.updatedAt ?? .distantFuture
            let running = weeks.last.map { $0.periodStart.addingTimeInterval(7 * 86_400) > received } ?? false
            let complete = running ? Array(weeks.dropLast()) : weeks
            var spans: [StyledLine.Span] = [.init("  "), .init(Sparkline.bars(weeks.map { Double($0.revenueCents) }, width: max(1, width - 60)), Style(.accent))]
            if let last = complete.last {
                spans.append(.init("  last week " + Money.format(last.revenueCents, currency: state.currency)))
                if complete.count >= 2, complete[complete.count - 2].revenueCents > 0 {
                    let previous = Double(complete[complete.count - 2].revenueCents)
                    // Bounded: a percentage past a billion would not fit an Int's conversion, nor the line.
                    let change = Int(min(1e9, max(-1e9, ((Double(last.revenueCents) - previous) / previous * 100).rounded())))
                    spans.append(.init(change >= 0 ? " ▲ \(change)%" : " ▼ \(-change)%", Style(change >= 0 ? .trendUp : .trendDown)))
                }
            }
            if running, let current = weeks.last {
                spans.append(.init(" · this week so far " + Money.format(current.revenueCents, currency: state.currency), Style(.muted)))
            }
            lines.append(StyledLine(spans))
        } else {
            lines.append(StyledLine("  No orders in these weeks.", Style(.muted)))
        }
        let atRisk = atRisk(metrics)
        lines.append(.blank)
        lines.append(StyledLine("Customers at risk", Style(.title).bold))
        if atRisk.isEmpty { lines.append(StyledLine("  None — every customer scores \(atRiskScore) or more.", Style(.muted))) }
        let nameWidth = min(28, (atRisk.map(\.customerName) + behindPace(metrics).map(\.customerName)).map(DisplayWidth.of).max() ?? 0)
        func name(_ text: String) -> (String, StyledLine.Span) {
            let shown = DisplayWidth.truncate(text, to: nameWidth)
            return (shown, .init(String(repeating: " ", count: max(0, nameWidth - DisplayWidth.of(shown)))))
        }
        for customer in atRisk {
            let trend = customer.trend == .down ? " ▼" : customer.trend == .up ? " ▲" : ""
            let last = customer.lastOrderAt.map { "last order " + TimeText.date($0, in: timeZone) } ?? "no orders yet"
            let (shown, pad) = name(customer.customerName)
            lines.append(target("  → ", shown, [pad, .init("  score \(customer.score)\(trend)", Style(.danger)), .init(" · " + last, Style(.muted))]))
        }
        let behind = behindPace(metrics)
        lines.append(.blank)
        lines.append(StyledLine("Behind their usual pace", Style(.title).bold))
        if behind.isEmpty { lines.append(StyledLine("  None — every customer is ordering on pace.", Style(.muted))) }
        for customer in behind {
            let detail = String(
                format: "  %.0f days since the last order, usually every %.0f (%.1f×)", customer.daysSinceLastOrder, customer.expectedIntervalDays,
                customer.deviation)
            let (shown, pad) = name(customer.customerName)
            lines.append(target("  → ", shown, [pad, .init(detail, Style(.warning))]))
        }
        return lines
    }

    public static func render(_ state: BriefingState, context: RenderContext, into buffer: inout Buffer, area: Rect) {
        var state = state
        state.area = area
        let inner = Self.area(state)
        let content = lines(state, width: inner.width, timeZone: context.timeZone)
        let scroll = min(state.scroll, max(0, content.count - inner.height))
        StyledLine.render(content, scroll: scroll, into: &buffer, area: inner)
    }
}

/// The app's names for the pane: its tab, its state (`state.briefing`) and its actions (`.briefing(…)`).
extension AppTab { public static let briefing = AppTab("briefing") }
extension AppState { public var briefing: BriefingState { get { self[pane: BriefingScreen.self] } _modify { yield &self[pane: BriefingScreen.self] } } }
extension AppAction { public static func briefing(_ action: BriefingAction) -> AppAction { .pane(PaneAction(BriefingScreen.self, action)) } }

extension BriefingScreen: Pane {
    static var tab: AppTab { .briefing }
    static let title = "Briefing"
    static var load: BriefingAction { .load }
    static var resources: [QueryResource] { [.briefing, .metrics] }
    /// Loading again keeps the briefing shown until the new one arrives.
    static func revalidate(_ state: BriefingState) -> BriefingAction? { .load }

    static func fresh(for session: SavedSession) -> BriefingState {
        var state = BriefingState()
        state.currency = session.tenant?.currency ?? "USD"
        return state
    }

    static func loadState(_ state: BriefingState) -> LoadState { state.load }

    static func resized(_ state: inout BriefingState, to area: Rect) {
        state.area = area
    }

    static func delegate(_ action: BriefingAction) -> PaneDelegate? {
        if case .delegate(let delegate) = action { delegate } else { nil }
    }

    static func reachability(_ action: BriefingAction) -> Reachability? {
        switch action {
        case .loaded, .metricsLoaded: .reached
        case .failed(let failure), .metricsFailed(let failure): .failed(failure)
        default: nil
        }
    }
}
