/// Names an effect: a newer `.run` under the same id replaces the older one, and `.cancel(id)` ends
/// it. Ids are dotted paths naming a lifetime first (`orders.page.3` lives under `orders`), and
/// `.cancel` ends every effect at or under the id it names: leaving a pane or logging out cancels
/// a whole lifetime at once, whatever its effects are.
public struct EffectID: Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// An id under this one: `EffectID("orders").appending("page", "3")` is `orders.page.3`.
    public func appending(_ parts: String...) -> EffectID { EffectID(([rawValue] + parts).joined(separator: ".")) }

    /// Whether this id is `lifetime` or lies under it.
    public func isWithin(_ lifetime: EffectID) -> Bool {
        rawValue == lifetime.rawValue || rawValue.hasPrefix(lifetime.rawValue + ".")
    }
}

/// Hands actions from an effect back to the loop; safe from any task.
public struct Send<Action: Sendable>: Sendable {
    private let deliver: @Sendable (Action) -> Void
    public init(_ deliver: @escaping @Sendable (Action) -> Void) { self.deliver = deliver }
    public func callAsFunction(_ action: Action) { deliver(action) }
}

/// What a reducer asks the runtime to do after a state change: nothing, run some async work that sends
/// actions back, cancel earlier work, send an action straight back, have the terminal do something,
/// or several of these. Reducers return effects; only the runtime performs them.
public enum Effect<Action: Sendable>: Sendable {
    case none
    /// Work on a Swift task; starting it cancels the task already running under the same id. Every
    /// effect has an id, so every effect ends with its lifetime.
    case run(id: EffectID, operation: @Sendable (Send<Action>) async -> Void)
    /// Ends the work at or under the id (see `EffectID`); what it sends from then on is dropped.
    case cancel(EffectID)
    /// An action the runtime feeds straight back into the reducer, before the next frame (how a
    /// screen's delegate actions reach the app).
    case send(Action)
    /// Something only the loop that owns the terminal may do.
    case terminal(TerminalRequest)
    case merge([Effect<Action>])

    public static func merge(_ effects: Effect...) -> Effect { .merge(effects) }

    /// The same effect sending `transform`ed actions (how an app composes its screens' effects).
    public func map<Other: Sendable>(_ transform: @escaping @Sendable (Action) -> Other) -> Effect<Other> {
        switch self {
        case .none: return .none
        case .cancel(let id): return .cancel(id)
        case .send(let action): return .send(transform(action))
        case .terminal(let request): return .terminal(request)
        case .merge(let effects): return .merge(effects.map { $0.map(transform) })
        case .run(let id, let operation):
            return .run(id: id) { send in await operation(Send { send(transform($0)) }) }
        }
    }

    /// The same effect with each piece of work starting once `wait` returns (work that may come
    /// after the first frame: `AppDependencies.firstFrameDrawn`).
    public func after(_ wait: @escaping @Sendable () async -> Void) -> Effect {
        switch self {
        case .none, .cancel, .send, .terminal: return self
        case .merge(let effects): return .merge(effects.map { $0.after(wait) })
        case .run(let id, let operation):
            return .run(id: id) { send in
                await wait()
                guard !Task.isCancelled else { return }
                await operation(send)
            }
        }
    }

    /// The ids of the work this effect starts, in order (for tests).
    public var runIDs: [EffectID] {
        switch self {
        case .none, .cancel, .send, .terminal: return []
        case .run(let id, _): return [id]
        case .merge(let effects): return effects.flatMap(\.runIDs)
        }
    }

    /// The ids this effect cancels (for tests).
    public var cancelledIDs: [EffectID] {
        switch self {
        case .none, .run, .send, .terminal: return []
        case .cancel(let id): return [id]
        case .merge(let effects): return effects.flatMap(\.cancelledIDs)
        }
    }

    /// Whether this effect ends the work running under `id` (cancelling it or a lifetime it is in).
    public func cancels(_ id: EffectID) -> Bool { cancelledIDs.contains { id.isWithin($0) } }

    /// The actions this effect sends straight back, in order.
    public var sentActions: [Action] {
        switch self {
        case .none, .run, .cancel, .terminal: return []
        case .send(let action): return [action]
        case .merge(let effects): return effects.flatMap(\.sentActions)
        }
    }

    /// What this effect asks of the terminal, in order.
    public var terminalRequests: [TerminalRequest] {
        switch self {
        case .none, .run, .cancel, .send: return []
        case .terminal(let request): return [request]
        case .merge(let effects): return effects.flatMap(\.terminalRequests)
        }
    }

    public var isNone: Bool { runIDs.isEmpty && cancelledIDs.isEmpty && sentActions.isEmpty && terminalRequests.isEmpty }
}

extension Effect {
    /// The actions sent straight back, then what every operation sends when run to completion, one
    /// after another (for tests and tools; the runtime runs operations concurrently instead).
    public func collectActions() async -> [Action] {
        let box = ActionBox<Action>()
        await perform(into: box)
        return box.actions
    }

    private func perform(into box: ActionBox<Action>) async {
        switch self {
        case .none, .cancel, .terminal: return
        case .send(let action): box.append(action)
        case .run(_, let operation): await operation(Send { box.append($0) })
        case .merge(let effects):
            for effect in effects { await effect.perform(into: box) }
        }
    }
}

extension Effect {
    /// The same effect without the actions it sends straight back.
    var withoutSentActions: Effect {
        switch self {
        case .send: return .none
        case .merge(let effects): return .merge(effects.map(\.withoutSentActions))
        case .none, .run, .cancel, .terminal: return self
        }
    }

    /// Reduces `action`, then every action the effects send straight back, in order — what the
    /// runtime does before drawing the next frame. Returns the rest, in order: work to start,
    /// cancellations and terminal requests.
    /// Inlined: the `reduce` closure's captures (the app's dependencies) are then borrowed, not copied.
    @inline(__always)
    static func feeding<State>(_ action: Action, into state: inout State, through reduce: (inout State, Action) -> Effect) -> Effect {
        var pending = [action]
        var rest: [Effect] = []
        while !pending.isEmpty {
            let effect = reduce(&state, pending.removeFirst())
            pending += effect.sentActions
            rest.append(effect.withoutSentActions)
        }
        return rest.count == 1 ? rest[0] : .merge(rest)
    }
}
