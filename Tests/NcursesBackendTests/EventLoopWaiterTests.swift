#if canImport(Glibc)
import Glibc
#endif
import Testing

@testable import NcursesBackend

@Suite struct EventLoopWaiterTests {
    @Test func returnsTheReadableDescriptor() throws {
        let quiet = try WakePipe()
        let busy = try WakePipe()
        busy.wake()
        let ready = EventLoopWaiter().waitForReadable([quiet.readDescriptor, busy.readDescriptor], timeout: .seconds(5))
        #expect(ready == [busy.readDescriptor])
    }

    /// Every descriptor ready is returned, in the order given.
    @Test func returnsEveryReadyDescriptorInTheOrderGiven() throws {
        let first = try WakePipe()
        let quiet = try WakePipe()
        let last = try WakePipe()
        last.wake()
        first.wake()
        let ready = EventLoopWaiter().waitForReadable([first.readDescriptor, quiet.readDescriptor, last.readDescriptor], timeout: .seconds(5))
        #expect(ready == [first.readDescriptor, last.readDescriptor])
    }

    @Test func timesOutWhenNothingIsReadable() throws {
        let quiet = try WakePipe()
        let clock = ContinuousClock()
        let started = clock.now
        let ready = EventLoopWaiter().waitForReadable([quiet.readDescriptor], timeout: .milliseconds(100))
        let elapsed = started.duration(to: clock.now)
        #expect(ready.isEmpty)
        #expect(elapsed >= .milliseconds(100))
        #expect(elapsed < .seconds(2))
    }

    @Test func wakesWhenAnotherThreadWrites() async throws {
        let pipe = try WakePipe()
        let waiter = Task.detached { EventLoopWaiter().waitForReadable([pipe.readDescriptor]) }
        try await Task.sleep(for: .milliseconds(50))
        pipe.wake()
        #expect(await waiter.value == [pipe.readDescriptor])
        #expect(pipe.drain() == [.woken])
    }
}
