import Foundation
import TerminalUI

/// How long the loop may sleep in `poll()` before time alone would change the screen: the spinner's
/// next frame while something loads, the next change of "updated N min ago", the next second of a
/// retry's countdown. nil when nothing on screen moves by itself: the loop then sleeps until a key,
/// a signal or an effect's action (a toast's expiry is an effect's sleep, which wakes it that way).
enum RedrawSchedule {
    /// The soonest of the reasons to wake; `spinnerElapsed` is the time since the spinner's frame 0.
    static func timeout(for state: AppState, now: Date, spinnerElapsed: Duration) -> Duration? {
        let clockText = nextClockTextChange(for: state, now: now).map { until($0, from: now) + lateness }
        return [spinner(state, elapsed: spinnerElapsed), clockText].compactMap { $0 }.min()
    }

    /// When a clock text on screen next changes — the status bar's "updated N min ago", the Orders pane's
    /// "trying again in N s" — on the wall clock; nil when none shows.
    static func nextClockTextChange(for state: AppState, now: Date) -> Date? {
        [state.currentPaneUpdatedAt.map { TimeText.nextChangeOfUpdatedAgo($0, now: now) }, retryCountdown(state, now: now)].compactMap { $0 }.min()
    }

    /// While something loads: until the spinner's next frame.
    static func spinner(_ state: AppState, elapsed: Duration) -> Duration? {
        guard state.isLoading else { return nil }
        let frame = Spinner.frameInterval
        let frames = max(0, Int((elapsed / frame).rounded(.down)))
        return frame * (frames + 1) - elapsed
    }

    /// How late a wake for a change of clock text is aimed: `poll()` counts on the monotonic clock,
    /// the text on the wall clock, which NTP may slew by up to 0.05 %; aimed at the very instant, a
    /// wake could come a few milliseconds early, find nothing changed and sleep again, briefly.
    static let lateness: Duration = .milliseconds(100)

    /// The Orders pane's "trying again in N s": the next whole second of the countdown.
    static func retryCountdown(_ state: AppState, now: Date) -> Date? {
        guard state.phase == .main, state.tab == .orders, let notice = state.orders.retrying else { return nil }
        let remaining = notice.nextAttemptAt.timeIntervalSince(now)
        guard remaining > 0 else { return nil }
        return now.addingTimeInterval(remaining - (remaining.rounded(.up) - 1))
    }

    private static func until(_ date: Date, from now: Date) -> Duration {
        .seconds(max(0, date.timeIntervalSince(now)))
    }
}
