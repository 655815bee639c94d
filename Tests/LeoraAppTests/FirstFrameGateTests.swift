import Synchronization
import Testing

@testable import LeoraApp

/// What waits for the first frame (the login prefetch, requests for a while) goes on when it is
/// drawn, at once when it already was, and never hangs a cancelled effect.
@Suite struct FirstFrameGateTests {
    final class Count: Sendable {
        private let value = Mutex(0)
        func add() { value.withLock { $0 += 1 } }
        var current: Int { value.withLock { $0 } }
    }

    @Test func waitersGoOnWhenTheGateOpens() async {
        let gate = FirstFrameGate()
        let passed = Count()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<3 {
                group.addTask {
                    await gate.wait()
                    passed.add()
                }
            }
            // Nothing passes a closed gate, however long it is given.
            for _ in 0..<50 { await Task.yield() }
            #expect(passed.current == 0)
            gate.open()
            await group.waitForAll()
        }
        #expect(passed.current == 3)
        #expect(gate.isOpen)
    }

    @Test func anOpenGateLetsEveryoneThroughAtOnce() async {
        let gate = FirstFrameGate(open: true)
        await gate.wait()
        gate.open()
        await gate.wait()
        #expect(gate.isOpen)
    }

    @Test func aCancelledWaiterGoesOnWithoutTheGate() async {
        let gate = FirstFrameGate()
        let waiter = Task { await gate.wait() }
        waiter.cancel()
        await waiter.value
        #expect(!gate.isOpen)
    }

    /// Requests wait for the first frame this way (`ProfileSession`): the gate, or the limit.
    @Test func aBoundedWaitEndsWhenTheGateOpens() async {
        let gate = FirstFrameGate()
        let passed = Count()
        let waiter = Task {
            await gate.wait(atMost: .seconds(600))
            passed.add()
        }
        for _ in 0..<50 { await Task.yield() }
        #expect(passed.current == 0)
        gate.open()
        await waiter.value
        #expect(passed.current == 1)
    }

    @Test func aBoundedWaitEndsByItselfWhenTheGateStaysShut() async {
        let gate = FirstFrameGate()
        await gate.wait(atMost: .milliseconds(20))
        #expect(!gate.isOpen)
    }
}
