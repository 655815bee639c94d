import Dispatch
import Synchronization

/// `Task.sleep(for:)` on a dispatch timer, for the long sleeps of an idle app (session upkeep,
/// cache collection, toasts).
///
/// On Linux (Swift 6.3) every pending `Task.sleep` keeps libdispatch's timer thread waking once a
/// second until it is due, so an app sleeping for minutes still ticks; a dispatch `asyncAfter`
/// sleeps through. Throws `CancellationError` when the task is cancelled, at once.
public func dispatchSleep(for duration: Duration) async throws {
    try Task.checkCancellation()
    guard duration > .zero else { return }
    let sleeper = DispatchSleeper()
    try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { continuation in
            sleeper.start(continuation, after: duration)
        }
    } onCancel: {
        sleeper.cancel()
    }
}

/// One sleep's continuation and timer; whichever of the timer and cancellation comes first resumes it.
private final class DispatchSleeper: Sendable {
    private struct Waiting {
        var continuation: CheckedContinuation<Void, any Error>?
        var timer: DispatchWorkItem?
        var isCancelled = false
    }

    private let waiting = Mutex(Waiting())

    func start(_ continuation: CheckedContinuation<Void, any Error>, after duration: Duration) {
        let timer = DispatchWorkItem { [self] in finish(nil) }
        let cancelledAlready = waiting.withLock { waiting in
            guard !waiting.isCancelled else { return true }
            waiting.continuation = continuation
            waiting.timer = timer
            return false
        }
        guard !cancelledAlready else { return continuation.resume(throwing: CancellationError()) }
        let (seconds, attoseconds) = duration.components
        let nanoseconds = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let delay: DispatchTimeInterval =
            nanoseconds.overflow ? .never : .nanoseconds(Int(clamping: nanoseconds.partialValue + attoseconds / 1_000_000_000))
        DispatchQueue.global().asyncAfter(deadline: .now() + delay, execute: timer)
    }

    func cancel() {
        finish(CancellationError())
    }

    private func finish(_ error: (any Error)?) {
        let (continuation, timer) = waiting.withLock { waiting in
            if error != nil { waiting.isCancelled = true }
            defer { (waiting.continuation, waiting.timer) = (nil, nil) }
            return (waiting.continuation, waiting.timer)
        }
        if error != nil { timer?.cancel() }
        if let error { continuation?.resume(throwing: error) } else { continuation?.resume() }
    }
}
