/// Runs effects as Swift tasks for the loop: one task per `.run`, keyed by id so a newer request
/// cancels the older one. Used only from the loop's thread; tasks are detached so they never wait for
/// the (blocked) main thread, and they only talk back through the `ActionQueue`.
final class EffectRunner<Action: Sendable> {
    /// What an effect asks of the loop itself, in order: an action to reduce at once, or a request
    /// for the terminal.
    enum Immediate {
        case send(Action)
        case terminal(TerminalRequest)
    }

    private let queue: ActionQueue<Action>
    private var tasks: [EffectID: Task<Void, Never>] = [:]
    private var anonymous: [Task<Void, Never>] = []

    init(queue: ActionQueue<Action>) { self.queue = queue }

    /// Starts and cancels the effect's work; returns what the loop must do itself, in order.
    func perform(_ effect: Effect<Action>) -> [Immediate] {
        switch effect {
        case .none: return []
        case .send(let action): return [.send(action)]
        case .terminal(let request): return [.terminal(request)]
        case .cancel(let id):
            tasks.removeValue(forKey: id)?.cancel()
            return []
        case .merge(let effects): return effects.flatMap(perform)
        case .run(let id, let operation):
            let send = Send<Action>(queue.push)
            let task = Task.detached { await operation(send) }
            if let id {
                tasks.removeValue(forKey: id)?.cancel()
                tasks[id] = task
            } else {
                anonymous.removeAll { $0.isCancelled }
                anonymous.append(task)
            }
            return []
        }
    }

    func cancelAll() {
        tasks.values.forEach { $0.cancel() }
        anonymous.forEach { $0.cancel() }
        tasks.removeAll()
        anonymous.removeAll()
    }
}
