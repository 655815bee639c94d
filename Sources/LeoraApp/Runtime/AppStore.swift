/// The app without a terminal: its state, the reducer, the effects' tasks and the queue they answer
/// through. The runtime draws it and feeds it input; tests drive it the same way.
final class AppStore {
    private(set) var state: AppState
    /// Held by a class's constant, so that each action borrows the dependencies instead of copying them
    /// (a copy retains and releases each of their dozens of closures).
    private final class Held {
        let dependencies: AppDependencies
        init(_ dependencies: AppDependencies) { self.dependencies = dependencies }
        /// Lends the dependencies to `body` (read through the caller's reference, they would be copied).
        func lending<Result>(_ body: (AppDependencies) -> Result) -> Result { body(dependencies) }
    }
    private var held: Held
    private let queue: ActionQueue<AppAction>
    private let effects: EffectRunner<AppAction>

    /// `wake` is called from any task whenever an effect sends an action.
    init(state: AppState, dependencies: AppDependencies, wake: @escaping @Sendable () -> Void = {}) {
        self.state = state
        held = Held(dependencies)
        queue = ActionQueue(wake: wake)
        effects = EffectRunner(queue: queue)
    }

    /// Reduces `action` and what its effects send straight back, and starts and cancels their work.
    /// Returns what the terminal must do, in order, for the caller (the terminal's owner).
    @discardableResult
    func send(_ action: AppAction) -> [TerminalRequest] {
        let effect = held.lending { AppReducer.send(action, into: &state, $0) }
        return effects.perform(effect).flatMap { immediate -> [TerminalRequest] in
            switch immediate {
            case .send(let next): send(next)
            case .terminal(let request): [request]
            }
        }
    }

    /// Reduces what the effects sent since the last call, oldest first.
    @discardableResult
    func receive() -> [TerminalRequest] {
        queue.drain().flatMap(send)
    }

    /// The ids of the effects still running.
    var runningEffects: Set<EffectID> { effects.runningIDs }

    func cancelAll() { effects.cancelAll() }

    /// Another profile's dependencies (`:profile`): effects started from now on use them; the old
    /// profile's were cancelled before.
    func replaceDependencies(_ dependencies: AppDependencies) { held = Held(dependencies) }
}
