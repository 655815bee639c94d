import Synchronization

/// Opens once, when the runtime has drawn its first frame. Work the first frame does not need waits
/// for it — the login prefetch, which decodes cached pages no pane shows yet and sends their
/// requests — so at a warm start the task executor decodes the pane on show first. Requests wait for
/// it too, for a while (`wait(atMost:)`, see `ProfileSession`).
final class FirstFrameGate: Sendable {
    private struct State {
        var isOpen = false
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter: UInt64 = 0
    }

    private let state: Mutex<State>

    /// `open`: already open (a profile opened after the first frame).
    init(open: Bool = false) {
        state = Mutex(State(isOpen: open))
    }

    var isOpen: Bool { state.withLock { $0.isOpen } }

    /// Opens the gate; every waiter goes on. Opening again does nothing.
    func open() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard !state.isOpen else { return [] }
            state.isOpen = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once the gate is open, or `limit` after the call when it is not by then (or at once
    /// when the task is cancelled).
    func wait(atMost limit: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.wait() }
            group.addTask { try? await Task.sleep(for: limit) }
            await group.next()
            group.cancelAll()
        }
    }

    /// Returns once the gate is open, or at once when the task is cancelled.
    func wait() async {
        let id = state.withLock { state -> UInt64? in
            guard !state.isOpen else { return nil }
            state.nextWaiter += 1
            return state.nextWaiter
        }
        guard let id else { return }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let goesOn = state.withLock { state -> Bool in
                    if state.isOpen || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if goesOn { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}
