/// Names a long-running effect so a newer one replaces it (`.run(id:)` cancels the older task with
/// the same id) and so it can be cancelled with `.cancel(id)`.
public struct EffectID: Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
}

/// Hands actions from an effect back to the loop; safe from any task.
public struct Send<Action: Sendable>: Sendable {
    private let deliver: @Sendable (Action) -> Void
    public init(_ deliver: @escaping @Sendable (Action) -> Void) { self.deliver = deliver }
    public func callAsFunction(_ action: Action) { deliver(action) }
}

/// What a reducer asks the runtime to do after a state change: nothing, run some async work that sends
/// actions back, cancel earlier work, or several of these. Reducers return effects; only the runtime
/// performs them.
public enum Effect<Action: Sendable>: Sendable {
    case none
    /// Work on a Swift task. With an id, starting it cancels the task already running under that id.
    case run(id: EffectID?, operation: @Sendable (Send<Action>) async -> Void)
    case cancel(EffectID)
    case merge([Effect<Action>])

    /// Work under `id` (a newer request cancels an older one).
    public static func run(id: EffectID, _ operation: @escaping @Sendable (Send<Action>) async -> Void) -> Effect {
        .run(id: id, operation: operation)
    }

    public static func merge(_ effects: Effect...) -> Effect { .merge(effects) }

    /// The same effect sending `transform`ed actions (how an app composes its screens' effects).
    public func map<Other: Sendable>(_ transform: @escaping @Sendable (Action) -> Other) -> Effect<Other> {
        switch self {
        case .none: return .none
        case .cancel(let id): return .cancel(id)
        case .merge(let effects): return .merge(effects.map { $0.map(transform) })
        case .run(let id, let operation):
            return .run(id: id) { send in await operation(Send { send(transform($0)) }) }
        }
    }

    /// The ids of the work this effect starts, in order (for tests).
    public var runIDs: [EffectID?] {
        switch self {
        case .none, .cancel: return []
        case .run(let id, _): return [id]
        case .merge(let effects): return effects.flatMap(\.runIDs)
        }
    }

    /// The ids this effect cancels (for tests).
    public var cancelledIDs: [EffectID] {
        switch self {
        case .none, .run: return []
        case .cancel(let id): return [id]
        case .merge(let effects): return effects.flatMap(\.cancelledIDs)
        }
    }

    public var isNone: Bool { runIDs.isEmpty && cancelledIDs.isEmpty }
}

extension Effect {
    /// Runs every operation to completion, one after another, and returns what they sent (for tests and
    /// tools; the runtime runs them concurrently instead).
    public func collectActions() async -> [Action] {
        let box = ActionBox<Action>()
        await perform(into: box)
        return box.actions
    }

    private func perform(into box: ActionBox<Action>) async {
        switch self {
        case .none, .cancel: return
        case .run(_, let operation): await operation(Send { box.append($0) })
        case .merge(let effects):
            for effect in effects { await effect.perform(into: box) }
        }
    }
}
