import Foundation
import LeoraKit
import Testing

@testable import LeoraApp

/// The loop's poll() timeout, as a function of the state and the time: an idle leora never wakes
/// more than once a minute, and wakes exactly when the screen would change.
@Suite struct RedrawScheduleTests {
    static let now = Fixtures.now
    /// Clock text is aimed a little after it changes (see `RedrawSchedule.lateness`).
    let late = RedrawSchedule.lateness

    /// The briefing, loaded `age` seconds ago, nothing loading.
    static func loaded(ago age: TimeInterval) -> AppState {
        var app = Fixtures.mainState(tab: .briefing)
        app.briefing = BriefingState(payload: Fixtures.briefing(), updatedAt: now.addingTimeInterval(-age))
        app.briefing.metrics = Fixtures.metrics
        return app
    }

    @Test func nothingLoadingAndNothingTimedSleepsUntilAnEvent() {
        var app = Fixtures.mainState(tab: .briefing)
        app.briefing = BriefingState(payload: Fixtures.briefing(), updatedAt: nil)
        #expect(!app.isLoading)
        #expect(RedrawSchedule.timeout(for: app, now: Self.now, spinnerElapsed: .seconds(12)) == nil)
    }

    @Test func updatedAgoWakesAtItsNextMinuteAndNeverSooner() {
        // "updated just now" becomes "updated 1 min ago" 60 s after the data came: never sooner.
        #expect(RedrawSchedule.timeout(for: Self.loaded(ago: 0), now: Self.now, spinnerElapsed: .zero) == .seconds(60) + late)
        #expect(RedrawSchedule.timeout(for: Self.loaded(ago: 15), now: Self.now, spinnerElapsed: .zero) == .seconds(45) + late)
        // "updated 3 min ago" (200 s) until 240 s.
        #expect(RedrawSchedule.timeout(for: Self.loaded(ago: 200), now: Self.now, spinnerElapsed: .zero) == .seconds(40) + late)
        // "updated 2 h ago" (7,300 s) until 3 h.
        #expect(RedrawSchedule.timeout(for: Self.loaded(ago: 7300), now: Self.now, spinnerElapsed: .zero) == .seconds(3500) + late)
        // Over a day, once a day.
        #expect(RedrawSchedule.timeout(for: Self.loaded(ago: 86_400), now: Self.now, spinnerElapsed: .zero) == .seconds(86_400) + late)
    }

    @Test func theWakeFallsWhereTheTextChanges() {
        for age in stride(from: 0.0, through: 7_500, by: 37.5) {
            let updated = Self.now.addingTimeInterval(-age)
            let next = TimeText.nextChangeOfUpdatedAgo(updated, now: Self.now)
            #expect(next > Self.now)
            let before = TimeText.ago(updated, now: next.addingTimeInterval(-0.001))
            #expect(TimeText.ago(updated, now: Self.now) == before, "age \(age)")
            #expect(TimeText.ago(updated, now: next) != before, "age \(age)")
        }
    }

    @Test func whileLoadingTheSpinnersNextFrame() {
        var app = Self.loaded(ago: 0)
        app.briefing.load.started()
        #expect(app.isLoading)
        #expect(RedrawSchedule.timeout(for: app, now: Self.now, spinnerElapsed: .milliseconds(1_230)) == .milliseconds(70))
        #expect(RedrawSchedule.timeout(for: app, now: Self.now, spinnerElapsed: .zero) == .milliseconds(100))
    }

    @Test func aRetryCountdownWakesOnItsNextSecond() {
        var app = Fixtures.mainState(tab: .orders)
        app.orders.retrying = RetryNotice(
            failure: LoadFailure(message: "The server answered 502 HTTP_502"), nextAttempt: 2, attempts: 4, nextAttemptAt: Self.now.addingTimeInterval(17.25))
        let timeout = RedrawSchedule.timeout(for: app, now: Self.now, spinnerElapsed: .zero)
        #expect(timeout == .seconds(0.25) + late)
        #expect(RedrawSchedule.nextClockTextChange(for: app, now: Self.now) == Self.now.addingTimeInterval(0.25))
        // On another pane the countdown is not shown.
        app.tab = .briefing
        #expect(RedrawSchedule.retryCountdown(app, now: Self.now) == nil)
    }

    @Test func theSoonestReasonWins() {
        var app = Self.loaded(ago: 59.5)
        #expect(RedrawSchedule.timeout(for: app, now: Self.now, spinnerElapsed: .zero) == .seconds(0.5) + late)
        app.briefing.load.started()
        #expect(RedrawSchedule.timeout(for: app, now: Self.now, spinnerElapsed: .milliseconds(50)) == .milliseconds(50))
    }
}
