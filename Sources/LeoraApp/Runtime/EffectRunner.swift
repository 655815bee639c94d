/// Runs effects as Swift tasks for the loop: one task per `.run`, keyed by id so a newer request
/// cancels the older one, and `.cancel` ends every task at or under an id. Used only from the loop's
/// thread; tasks are detached so they never wait for the (blocked) main thread, and they only talk
/// back through the `ActionQueue`, which drops what a cancelled task sends.
final class EffectRunner<Action: Sendable> {
    /// What an effect asks of the loop itself, in order: an action to reduce at once, or a request
    /// for the terminal.
    enum Immediate {
        case send(Action)
        case terminal(TerminalRequest)
    }

    private struct Running {
        let task: Task<Void, Never>
        let lifetime: EffectLifetime
    }

    private let queue: ActionQueue<Action>
    private var running: [EffectID: Running] = [:]

    init(queue: ActionQueue<Action>) { self.queue = queue }

    /// The ids of the effects still running (finished ones are forgotten as new ones start).
    var runningIDs: Set<EffectID> { Set(running.filter { !$0.value.lifetime.isFinished }.keys) }

    /// Starts and cancels the effect's work; returns what the loop must do itself, in order.
    func perform(_ effect: Effect<Action>) -> [Immediate] {
        switch effect {
        case .none: return []
        case .send(let action): return [.send(action)]
        case .terminal(let request): return [.terminal(request)]
        case .cancel(let lifetime):
            for id in running.keys where id.isWithin(lifetime) { stop(id) }
            return []
        case .merge(let effects): return effects.flatMap(perform)
        case .run(let id, let operation):
            stop(id)
            running = running.filter { !$0.value.lifetime.isFinished }
            let lifetime = EffectLifetime()
            let queue = self.queue
            let send = Send<Action> { action in
                guard !lifetime.isCancelled, !Task.isCancelled else { return }
                queue.push(action, from: lifetime)
            }
            let task = Task.detached {
                await operation(send)
                lifetime.finish()
            }
            running[id] = Running(task: task, lifetime: lifetime)
            return []
        }
    }

    func cancelAll() { running.keys.forEach(stop) }

    private func stop(_ id: EffectID) {
        guard let effect = running.removeValue(forKey: id) else { return }
        effect.lifetime.cancel()
        effect.task.cancel()
    }
}
