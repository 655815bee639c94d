import Synchronization

/// Where effects leave actions for the loop: a mutex-protected queue plus one wake-up per action, so
/// the loop sleeping in `poll()` notices at once.
public final class ActionQueue<Action: Sendable>: Sendable {
    private let pending = Mutex<[Action]>([])
    private let wake: @Sendable () -> Void

    public init(wake: @escaping @Sendable () -> Void) { self.wake = wake }

    public func push(_ action: Action) {
        pending.withLock { $0.append(action) }
        wake()
    }

    /// Everything queued so far, oldest first.
    public func drain() -> [Action] {
        pending.withLock { queue in
            defer { queue.removeAll() }
            return queue
        }
    }
}

/// Collects actions sent by effects run in tests.
final class ActionBox<Action: Sendable>: Sendable {
    private let storage = Mutex<[Action]>([])
    func append(_ action: Action) { storage.withLock { $0.append(action) } }
    var actions: [Action] { storage.withLock { $0 } }
}
