@_spi(ExperimentalScheduling) import _Concurrency
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A task executor with one thread of its own, which sleeps in `poll()` until a job is enqueued or
/// a timer (a `Task.sleep`) is due: while nothing is due it does not wake at all.
///
/// `leora` makes it the process's default executor (`LeoraExecutors`), so every task, actor and
/// sleep runs here and no libdispatch worker thread is ever started: on Linux the first one starts
/// libdispatch's pool monitor, a timer that wakes the process once a second until it exits.
package final class ThreadExecutor: TaskExecutor, SchedulingExecutor, Sendable {
    private struct Timer {
        var deadline: ContinuousClock.Instant
        var job: UnownedJob
    }

    private struct Pending {
        var jobs: [UnownedJob] = []
        /// Soonest first.
        var timers: [Timer] = []
        /// The thread is in (or about to enter) `poll()`: a new job or timer must wake it.
        var sleeping = false
    }

    private let pending = Mutex(Pending())
    /// A pipe, both ends non-blocking: a byte written wakes the thread from `poll()` on the other end.
    private let wakeDescriptor: Int32
    private let wakeWriteDescriptor: Int32

    /// Starts the thread; it lives as long as the process.
    package init() {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { fatalError("cannot make the executor's wake pipe (errno \(errno))") }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        (wakeDescriptor, wakeWriteDescriptor) = (ends[0], ends[1])
        startThread()
    }

    package func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        add { $0.jobs.append(job) }
    }

    package func enqueue<C: Clock>(_ job: consuming ExecutorJob, at instant: C.Instant, tolerance: C.Duration?, clock: C) {
        let job = UnownedJob(job)
        let delay = clock.now.duration(to: instant)
        let deadline = ContinuousClock.now.advanced(by: (delay as? Duration) ?? .zero)
        add { pending in
            let index = pending.timers.firstIndex { $0.deadline > deadline } ?? pending.timers.endIndex
            pending.timers.insert(Timer(deadline: deadline, job: job), at: index)
        }
    }

    private func add(_ change: (inout Pending) -> Void) {
        let wasSleeping = pending.withLock { pending in
            change(&pending)
            defer { pending.sleeping = false }
            return pending.sleeping
        }
        if wasSleeping {
            var byte: UInt8 = 1
            _ = write(wakeWriteDescriptor, &byte, 1)
        }
    }

    private func startThread() {
        let context = Unmanaged.passRetained(self).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(
            &thread, nil,
            { context in
                guard let context else { return nil }
                Unmanaged<ThreadExecutor>.fromOpaque(context).takeRetainedValue().run()
                return nil
            }, context)
        guard result == 0 else { fatalError("cannot start the executor thread (pthread_create: \(result))") }
        pthread_detach(thread)
    }

    // MARK: - On the executor's thread

    private func run() {
        while true {
            let now = ContinuousClock.now
            let (jobs, timeout) = pending.withLock { pending -> ([UnownedJob], Int32) in
                var due = pending.jobs
                pending.jobs.removeAll(keepingCapacity: true)
                let expired = pending.timers.prefix { $0.deadline <= now }.count
                due += pending.timers.prefix(expired).map(\.job)
                pending.timers.removeFirst(expired)
                if !due.isEmpty { return (due, 0) }
                pending.sleeping = true
                return ([], pending.timers.first.map { Self.milliseconds(from: now, to: $0.deadline) } ?? -1)
            }
            if jobs.isEmpty {
                var entry = pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0)
                _ = poll(&entry, 1, timeout)
                var bytes = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
                while read(wakeDescriptor, &bytes, MemoryLayout.size(ofValue: bytes)) > 0 {}
                pending.withLock { $0.sleeping = false }
                continue
            }
            for job in jobs { job.runSynchronously(on: asUnownedTaskExecutor()) }
        }
    }

    /// Whole milliseconds, rounded up so that a timer is never polled for early (and spun on).
    static func milliseconds(from now: ContinuousClock.Instant, to deadline: ContinuousClock.Instant) -> Int32 {
        let remaining = now.duration(to: deadline)
        guard remaining > .zero else { return 0 }
        let (seconds, attoseconds) = remaining.components
        return Int32(clamping: seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
    }
}
