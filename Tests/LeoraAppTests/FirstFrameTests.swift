import Foundation
import Testing

@testable import LeoraApp

/// The runtime's first frame waits, briefly, for a screen worth drawing: at a warm start the
/// briefing from the cache, not "Starting…" and an empty pane a few milliseconds before it.
@Suite struct FirstFrameTests {
    static let early = Duration.milliseconds(30)

    @Test func whileStartingTheFirstFrameWaitsTheRestOfTheLongestWait() {
        let starting = AppState(server: "http://127.0.0.1:8787")
        #expect(starting.phase == .starting)
        #expect(FirstFrame.wait(for: starting, elapsed: Self.early) == FirstFrame.longestWait - Self.early)
    }

    @Test func theLoginScreenIsDrawnAtOnce() {
        var login = AppState(server: "http://127.0.0.1:8787")
        login.phase = .login
        #expect(FirstFrame.wait(for: login, elapsed: .zero) == nil)
    }

    @Test func theMainScreenWaitsForThePanesDataOrFailure() {
        var loading = Fixtures.mainState(tab: .briefing)
        loading.briefing.load.started()
        #expect(FirstFrame.wait(for: loading, elapsed: Self.early) == FirstFrame.longestWait - Self.early, "an empty briefing that is loading")

        var cached = loading
        cached.briefing = BriefingState(payload: Fixtures.briefing(), updatedAt: Fixtures.now)
        cached.briefing.load.started()
        #expect(FirstFrame.wait(for: cached, elapsed: Self.early) == nil, "the cached briefing, revalidating")

        var failed = loading
        failed.briefing.load.failed(LoadFailure(message: "The portal cannot be reached.", isOffline: true))
        #expect(FirstFrame.wait(for: failed, elapsed: Self.early) == nil, "a failure is something to show")

        #expect(FirstFrame.wait(for: Fixtures.mainState(tab: .briefing), elapsed: Self.early) == nil, "nothing loading")
    }

    @Test func nothingWaitsPastTheLongestWait() {
        let starting = AppState(server: "http://127.0.0.1:8787")
        #expect(FirstFrame.wait(for: starting, elapsed: FirstFrame.longestWait) == nil)
        #expect(FirstFrame.wait(for: starting, elapsed: .seconds(3)) == nil)
    }
}
