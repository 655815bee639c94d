import Foundation
import PortalAPI
import TerminalUI

/// Where a customer stands against their usual ordering rhythm, read from the contract's pace
/// deviation (`/insights/metrics`: days since the last order over the usual interval, 1 = on
/// pace). The contract's `Customer` carries no pace: a customer the metrics leave out (too few
/// orders to have a rhythm) has none.
public enum CustomerPace: Sendable, Equatable {
    /// The next order is not due for a while: under half the usual interval has passed.
    case ahead
    case onPace
    /// Overdue: at least `behindDeviation` times the usual interval since the last order.
    case behind
    /// No rhythm to compare with.
    case unknown

    /// The briefing's "behind their usual pace" threshold, so both panes agree.
    static let behindDeviation = BriefingScreen.behindPaceDeviation
    static let aheadDeviation = 0.5

    public init(_ deviation: InsightsMetrics.PaceDeviation?) {
        guard let deviation, deviation.deviation.isFinite else {
            self = .unknown
            return
        }
        switch deviation.deviation {
        case Self.behindDeviation...: self = .behind
        case ..<Self.aheadDeviation: self = .ahead
        default: self = .onPace
        }
    }

    /// The list's cell: "behind 2.2×", "on pace", "ahead", "—".
    public static func cell(_ deviation: InsightsMetrics.PaceDeviation?) -> String {
        switch CustomerPace(deviation) {
        case .behind: deviation.map { String(format: "behind %.1f×", $0.deviation) } ?? "behind"
        case .onPace: "on pace"
        case .ahead: "ahead"
        case .unknown: "—"
        }
    }

    /// The detail's sentence: "behind — 20 days since the last order, usually every 9 (2.2×)".
    public static func sentence(_ deviation: InsightsMetrics.PaceDeviation?) -> String {
        let pace = CustomerPace(deviation)
        guard let deviation, pace != .unknown else { return "no usual rhythm yet (too few orders of yours)" }
        let word =
            switch pace {
            case .behind: "behind"
            case .ahead: "ahead"
            default: "on pace"
            }
        let numbers = String(
            format: "%.0f days since the last order, usually every %.0f (%.1f×)", deviation.daysSinceLastOrder, deviation.expectedIntervalDays,
            deviation.deviation)
        return "\(word) — \(numbers)"
    }

    var role: ColorRole {
        switch self {
        case .behind: .warning
        case .onPace: .success
        case .ahead: .info
        case .unknown: .muted
        }
    }
}
