import Synchronization

/// Where effects leave actions for the loop: a mutex-protected queue plus one wake-up per action, so
/// the loop sleeping in `poll()` notices at once. An action whose effect was cancelled before the
/// loop took it is dropped, so nothing an ended lifetime sent lands after it ended.
public final class ActionQueue<Action: Sendable>: Sendable {
    private let pending = Mutex<[(action: Action, lifetime: EffectLifetime?)]>([])
    private let wake: @Sendable () -> Void

    public init(wake: @escaping @Sendable () -> Void) { self.wake = wake }

    public func push(_ action: Action) { push(action, from: nil) }

    func push(_ action: Action, from lifetime: EffectLifetime?) {
        pending.withLock { $0.append((action, lifetime)) }
        wake()
    }

    /// Everything queued so far, oldest first, but what cancelled effects sent.
    public func drain() -> [Action] {
        let taken = pending.withLock { queue in
            defer { queue.removeAll() }
            return queue
        }
        return taken.filter { !($0.lifetime?.isCancelled ?? false) }.map(\.action)
    }
}

/// Whether one running effect was cancelled and whether it has finished: set on the loop's thread
/// and by the effect's task, read by both.
final class EffectLifetime: Sendable {
    private let state = Mutex((cancelled: false, finished: false))

    var isCancelled: Bool { state.withLock { $0.cancelled } }
    var isFinished: Bool { state.withLock { $0.finished } }
    func cancel() { state.withLock { $0.cancelled = true } }
    func finish() { state.withLock { $0.finished = true } }
}

/// Collects actions sent by effects run in tests.
final class ActionBox<Action: Sendable>: Sendable {
    private let storage = Mutex<[Action]>([])
    func append(_ action: Action) { storage.withLock { $0.append(action) } }
    var actions: [Action] { storage.withLock { $0 } }
}
