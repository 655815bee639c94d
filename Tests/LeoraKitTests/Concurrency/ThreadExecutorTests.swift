import Testing

@testable import LeoraKit

/// The executor `leora` runs every task on: jobs, actors, child tasks and sleeps all complete on it.
@Suite struct ThreadExecutorTests {
    static let executor = ThreadExecutor()

    actor Counter {
        var value = 0
        func add(_ amount: Int) -> Int {
            value += amount
            return value
        }
    }

    @Test func tasksActorsAndChildTasksRunToTheEnd() async {
        let total = await Task(executorPreference: Self.executor) {
            let counter = Counter()
            await withTaskGroup(of: Void.self) { group in
                for amount in 1...100 { group.addTask { _ = await counter.add(amount) } }
            }
            return await counter.add(0)
        }.value
        #expect(total == 5050)
    }

    @Test func aSleepEndsAndACancelledOneThrows() async {
        let slept = await Task(executorPreference: Self.executor) {
            (try? await Task.sleep(for: .milliseconds(5))) != nil
        }.value
        #expect(slept)
        let sleeper = Task(executorPreference: Self.executor) { (try? await Task.sleep(for: .seconds(3600))) != nil }
        sleeper.cancel()
        #expect(await sleeper.value == false)
    }

    @Test func pollTimeoutsRoundUp() {
        let now = ContinuousClock.now
        #expect(ThreadExecutor.milliseconds(from: now, to: now) == 0)
        #expect(ThreadExecutor.milliseconds(from: now, to: now.advanced(by: .microseconds(1))) == 1)
        #expect(ThreadExecutor.milliseconds(from: now, to: now.advanced(by: .milliseconds(60_000))) == 60_000)
        #expect(ThreadExecutor.milliseconds(from: now, to: now.advanced(by: .seconds(-3))) == 0)
    }
}
