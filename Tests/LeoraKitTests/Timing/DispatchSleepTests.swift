import Testing

@testable import LeoraKit

@Suite("dispatchSleep")
struct DispatchSleepTests {
    @Test("a short sleep returns")
    func shortSleepReturns() async throws {
        try await dispatchSleep(for: .milliseconds(5))
        try await dispatchSleep(for: .zero)
    }

    @Test("cancelling a long sleep throws CancellationError at once")
    func cancellationEndsTheSleep() async {
        let sleeper = Task { try await dispatchSleep(for: .seconds(3600)) }
        sleeper.cancel()
        await #expect(throws: CancellationError.self) { try await sleeper.value }
    }

    @Test("a task cancelled before sleeping does not sleep")
    func alreadyCancelled() async {
        let sleeper = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await dispatchSleep(for: .seconds(3600))
        }
        await #expect(throws: CancellationError.self) { try await sleeper.value }
    }
}
