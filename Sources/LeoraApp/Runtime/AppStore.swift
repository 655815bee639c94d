import Synchronization

/// The app without a terminal: its state, the reducer, the effects' tasks and the queue they answer
/// through. The runtime draws it and feeds it input; tests drive it the same way.
final class AppStore {
    private(set) var state: AppState
    /// Changes with every action reduced: a `Preview` of an earlier revision no longer holds.
    private(set) var revision = 0
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
        revision &+= 1
        let effect = held.lending { AppReducer.send(action, into: &state, $0) }
        return perform(effect)
    }

    /// What sending `action` now would do, worked out on a copy of the state and started nowhere.
    struct Preview {
        let revision: Int
        let state: AppState
        let effect: Effect<AppAction>
    }

    /// `action`'s outcome without sending it: the state it leads to and the effect it starts (the runtime
    /// works out the next frame of a repeated key so, while the rep looks at the last). Nil when the reducer
    /// read the clock: the outcome would depend on when the action is sent.
    func preview(_ action: AppAction) -> Preview? {
        var next = state
        let clock = ClockReads()
        let effect = held.lending { dependencies in
            var watched = dependencies
            watched.now = {
                clock.record()
                return dependencies.now()
            }
            return AppReducer.send(action, into: &next, watched)
        }
        guard !clock.happened else { return nil }
        return Preview(revision: revision, state: next, effect: effect)
    }

    /// Sends the action `preview` was made of as `send` would, with the outcome worked out before, when
    /// nothing was reduced since: the state first, then `shown` (the caller draws it), then the effects start. Nil, and nothing
    /// done, when the preview is stale.
    func send(_ preview: Preview, shown: () -> Void) -> [TerminalRequest]? {
        guard preview.revision == revision else { return nil }
        revision &+= 1
        state = preview.state
        shown()
        return perform(preview.effect)
    }

    /// Starts and cancels the effect's work; reduces what it sends straight back.
    private func perform(_ effect: Effect<AppAction>) -> [TerminalRequest] {
        effects.perform(effect).flatMap { immediate -> [TerminalRequest] in
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
    func replaceDependencies(_ dependencies: AppDependencies) {
        revision &+= 1
        held = Held(dependencies)
    }
}

/// Whether a preview's reducer read the clock (the effects it made may read it later, on any thread).
private final class ClockReads: Sendable {
    private let read = Atomic(false)
    var happened: Bool { read.load(ordering: .relaxed) }
    func record() { read.store(true, ordering: .relaxed) }
}
