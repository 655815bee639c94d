import Foundation
import Testing

@testable import LeoraApp

/// Sends actions to a reducer the way the runtime does and checks everything that follows, like
/// TCA's `TestStore`: each `send` and `receive` states the whole change it expects (`{ $0.x = … }`,
/// compared with `==`), the actions effects send back — delegate requests included — must each be
/// received, and terminal requests checked. Exhaustive by default: anything left unasserted when
/// the test calls `finish()` is an issue.
///
/// Effects run as real tasks under their ids (cancelling works as in the app). Actions from
/// concurrent effects may arrive in any order; `receive` takes the first one equal to what it
/// expects, and the test states the order they are reduced in. With exhaustivity off, actions are
/// reduced in the order they arrive, and only those the test names are checked.
final class TestStore<State: Equatable, Action: Equatable & Sendable> {
    enum Exhaustivity { case on, off }

    /// Off: state changes and received actions need not all be asserted (`skipReceivedActions`).
    var exhaustivity = Exhaustivity.on
    private(set) var state: State
    private let reduce: (inout State, Action) -> Effect<Action>
    private let queue: ActionQueue<Action>
    private let runner: EffectRunner<Action>
    private var received: [Action] = []
    private var terminal: [TerminalRequest] = []

    init(_ state: State, reduce: @escaping (inout State, Action) -> Effect<Action>) {
        self.state = state
        self.reduce = reduce
        queue = ActionQueue(wake: {})
        runner = EffectRunner(queue: queue)
    }

    /// The effects still running.
    var runningEffects: Set<EffectID> { runner.runningIDs }

    /// Sends `action`; `update` turns the state before into the state expected after.
    func send(_ action: Action, _ update: ((inout State) -> Void)? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        if exhaustivity == .off { reduceReceived() }
        apply(action, update, sourceLocation)
    }

    /// Waits for an effect to send `expected` back and reduces it; `update` as for `send`.
    func receive(
        _ expected: Action, timeout: Duration = .seconds(60), _ update: ((inout State) -> Void)? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        await receive(where: { $0 == expected }, "\(expected)", timeout: timeout, update, sourceLocation: sourceLocation)
    }

    /// Waits for an effect to send an action `matching` says is the one, and reduces it.
    func receive(
        where matching: (Action) -> Bool, _ what: String = "the action", timeout: Duration = .seconds(60), _ update: ((inout State) -> Void)? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        let deadline = ContinuousClock.now + timeout
        while true {
            received += queue.drain()
            if exhaustivity == .off {
                while !received.isEmpty {
                    let action = received.removeFirst()
                    if matching(action) {
                        apply(action, update, sourceLocation)
                        return
                    }
                    apply(action, nil, sourceLocation, asserting: false)
                }
            } else if let index = received.firstIndex(where: matching) {
                apply(received.remove(at: index), update, sourceLocation)
                return
            }
            guard ContinuousClock.now < deadline else {
                Issue.record("Expected to receive \(what); received \(received.isEmpty ? "nothing" : "\(received)")", sourceLocation: sourceLocation)
                return
            }
            try? await Task.sleep(for: .milliseconds(2))
        }
    }

    /// Checks the terminal requests made since the last check.
    func expectTerminal(_ expected: [TerminalRequest], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(terminal == expected, sourceLocation: sourceLocation)
        terminal = []
    }

    /// Reduces, without assertions, what effects send until the state satisfies `condition`.
    func skipReceivedActions(until condition: (State) -> Bool, timeout: Duration = .seconds(60), sourceLocation: SourceLocation = #_sourceLocation) async {
        let deadline = ContinuousClock.now + timeout
        reduceReceived()
        while !condition(state) {
            guard ContinuousClock.now < deadline else {
                Issue.record("Timed out waiting for the state", sourceLocation: sourceLocation)
                return
            }
            try? await Task.sleep(for: .milliseconds(2))
            reduceReceived()
        }
    }

    /// Reduces, without assertions, what effects sent until things have been quiet for `settling`.
    func skipReceivedActions(settling: Duration = .milliseconds(30)) async {
        var quietSince = ContinuousClock.now
        while ContinuousClock.now - quietSince < settling {
            received += queue.drain()
            if received.isEmpty {
                try? await Task.sleep(for: .milliseconds(2))
                continue
            }
            reduceReceived()
            quietSince = ContinuousClock.now
        }
    }

    /// Reduces, without assertions, what has arrived so far.
    private func reduceReceived() {
        received += queue.drain()
        while !received.isEmpty { apply(received.removeFirst(), nil, #_sourceLocation, asserting: false) }
    }

    /// Ends the test: after `settling` for late answers, every action received but not asserted and
    /// every terminal request not checked is an issue; effects still running are cancelled.
    func finish(settling: Duration = .milliseconds(20), sourceLocation: SourceLocation = #_sourceLocation) async {
        try? await Task.sleep(for: settling)
        received += queue.drain()
        if exhaustivity == .on {
            if !received.isEmpty { Issue.record("Received but not asserted: \(received)", sourceLocation: sourceLocation) }
            if !terminal.isEmpty { Issue.record("Terminal requests not checked: \(terminal)", sourceLocation: sourceLocation) }
        }
        runner.cancelAll()
    }

    private func apply(_ action: Action, _ update: ((inout State) -> Void)?, _ sourceLocation: SourceLocation, asserting: Bool = true) {
        var expected = state
        let effect = reduce(&state, action)
        for immediate in runner.perform(effect) {
            switch immediate {
            case .send(let next): received.append(next)
            case .terminal(let request): terminal.append(request)
            }
        }
        guard asserting else { return }
        update?(&expected)
        if update == nil, exhaustivity == .off { return }
        if expected != state {
            Issue.record("State after \(action) differs:\n\(Self.difference(expected: expected, actual: state))", sourceLocation: sourceLocation)
        }
    }

    /// The lines of the two states' dumps that differ, `-` expected and `+` actual.
    static func difference(expected: State, actual: State) -> String {
        func lines(_ value: State) -> [String] {
            var text = ""
            dump(value, to: &text)
            return text.split(separator: "\n").map(String.init)
        }
        let (old, new) = (lines(expected), lines(actual))
        var out: [String] = []
        for index in 0..<max(old.count, new.count) {
            let before = index < old.count ? old[index] : ""
            let after = index < new.count ? new[index] : ""
            if before != after { out += ["- " + before, "+ " + after] }
        }
        return out.prefix(40).joined(separator: "\n")
    }
}

extension TestStore where State == AppState, Action == AppAction {
    /// The whole app, as the router sees it.
    convenience init(app state: AppState, _ dependencies: AppDependencies) {
        self.init(state) { state, action in AppReducer.reduce(into: &state, action, dependencies) }
    }
}
