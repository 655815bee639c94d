import Foundation
import LeoraKit
import PortalAPI
import TerminalUI

/// The portal's health checks: overall status, then each check with its status and response time.
public struct HealthState: PaneStateValue {
    public var report: HealthReport?
    public var load = LoadState()

    public init() { self.init(report: nil) }

    public init(report: HealthReport?, updatedAt: Date? = nil) {
        self.report = report
        if let updatedAt { load.succeeded(at: updatedAt) }
    }
}

public enum HealthAction: Sendable, Equatable {
    case load
    case loaded(HealthReport)
    case failed(LoadFailure)
}

public enum HealthScreen {
    static let lifetime = EffectID("health")
    static let loadEffect = lifetime.appending("load")

    public static let keymap = Keymap([])

    public static func reduce(into state: inout HealthState, _ action: HealthAction, _ dependencies: AppDependencies) -> Effect<HealthAction> {
        switch action {
        case .load:
            state.load.started()
            let health = dependencies.insights.health
            return .load(id: loadEffect, health, loaded: { .loaded($0) }, failed: { .failed($0) })
        case .loaded(let report):
            state.report = report
            state.load.succeeded(at: dependencies.now())
            return .none
        case .failed(let failure):
            state.load.failed(failure)
            return .none
        }
    }

    static func role(for status: String) -> ColorRole {
        switch status {
        case "healthy", "ok", "up": .success
        case "degraded", "disabled", "not_configured": .warning
        default: .danger
        }
    }

    public static func render(_ state: HealthState, context: RenderContext, into buffer: inout Buffer, area: Rect) {
        let inner = area.inset(horizontal: 1)
        guard !inner.isEmpty else { return }
        var y = inner.y
        if let failure = state.load.failure {
            buffer.set(x: inner.x, y: y, string: "✗ " + failure.message, style: Style(.danger), maxWidth: inner.width)
            y += 2
        }
        guard let report = state.report else {
            if state.load.failure == nil { buffer.set(x: inner.x, y: y, string: "Checking the portal…", style: Style(.muted), maxWidth: inner.width) }
            return
        }
        var x = buffer.set(x: inner.x, y: y, string: "Portal ", style: Style(.title).bold, maxWidth: inner.width)
        x = buffer.set(x: x, y: y, string: "● " + report.status, style: Style(role(for: report.status)).bold, maxWidth: inner.right - x)
        buffer.set(x: x, y: y, string: "  checked \(TimeText.dateTime(report.timestamp, in: context.timeZone))", style: Style(.muted), maxWidth: inner.right - x)
        y += 2
        let checks: [(String, HealthReport.Check)] = [
            ("Database", report.checks.database), ("Briefing assistant", report.checks.openai), ("Webhooks", report.checks.webhooks),
        ]
        let rows = checks.map { name, check in
            Table.Row(
                [name, check.status, check.responseTime.map { "\($0) ms" } ?? "—", check.queueDepth.map(String.init) ?? "—"],
                cellStyles: [nil, Style(role(for: check.status)), nil, nil])
        }
        let table = Table(
            columns: [
                .init("Check", width: .length(20)), .init("Status", width: .length(16)), .init("Response", width: .length(10), alignment: .right),
                .init("Queue", width: .length(7), alignment: .right),
            ], rows: rows)
        table.render(into: &buffer, area: Rect(x: inner.x, y: y, width: inner.width, height: max(0, min(rows.count + 1, inner.bottom - y))), state: TableState())
    }
}

/// The app's names for the pane: its tab, its state (`state.health`) and its actions (`.health(…)`).
extension AppTab { public static let health = AppTab("health") }
extension AppState { public var health: HealthState { get { self[pane: HealthScreen.self] } _modify { yield &self[pane: HealthScreen.self] } } }
extension AppAction { public static func health(_ action: HealthAction) -> AppAction { .pane(PaneAction(HealthScreen.self, action)) } }

extension HealthScreen: Pane {
    static var tab: AppTab { .health }
    static let title = "Health"
    static var load: HealthAction { .load }
    static func fresh(for session: SavedSession) -> HealthState { HealthState() }
    static func loadState(_ state: HealthState) -> LoadState { state.load }

    /// The health pane asks nothing of the app.
    static func delegate(_ action: HealthAction) -> PaneDelegate? { nil }

    static func reachability(_ action: HealthAction) -> Reachability? {
        switch action {
        case .loaded: .reached
        case .failed(let failure): .failed(failure)
        case .load: nil
        }
    }
}
