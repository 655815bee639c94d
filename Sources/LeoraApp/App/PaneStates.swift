/// What a pane's state must be to be kept by the app: a fresh one is `init()`.
protocol PaneStateValue: Sendable, Equatable {
    init()
}

/// Every pane's state, kept by its tab, so the app's state holds panes it does not name. A pane not
/// yet touched reads as fresh (`init()`). Each state sits in a box shared by the copies of the app's
/// state until one of them changes it (copy on write), so comparing the state drawn last with the
/// state now — once per turn of the loop — compares only the panes that changed.
public struct PaneStates: Sendable, Equatable {
    private var boxes: [AppTab: PaneBox] = [:]

    public init() {}

    subscript<P: Pane>(pane pane: P.Type) -> P.State {
        // Lent, not copied: the loop reads every pane's state several times a key (`isLoading`, the footer).
        _read {
            let box = boxes[P.tab] as? Box<P.State> ?? Box(P.State())
            yield box.value
        }
        _modify {
            var box = boxes.removeValue(forKey: P.tab) as? Box<P.State> ?? Box(P.State())
            if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
            defer { boxes[P.tab] = box }
            yield &box.value
        }
    }

    /// Equal when every pane's state is; a pane never touched equals a fresh one.
    public static func == (lhs: PaneStates, rhs: PaneStates) -> Bool {
        for (tab, left) in lhs.boxes {
            guard let right = rhs.boxes[tab] else {
                if !left.isFresh { return false }
                continue
            }
            if left !== right, !left.holdsSameValue(as: right) { return false }
        }
        return rhs.boxes.allSatisfy { tab, right in lhs.boxes[tab] != nil || right.isFresh }
    }
}

/// One pane's state, boxed (see `PaneStates`).
private class PaneBox: @unchecked Sendable {
    func holdsSameValue(as other: PaneBox) -> Bool { fatalError("overridden") }
    var isFresh: Bool { fatalError("overridden") }
}

/// Mutated only while uniquely referenced (`PaneStates`' `_modify`), so sharing it is safe.
private final class Box<State: PaneStateValue>: PaneBox, @unchecked Sendable {
    var value: State

    init(_ value: State) { self.value = value }

    override func holdsSameValue(as other: PaneBox) -> Bool { (other as? Box<State>)?.value == value }
    override var isFresh: Bool { value == State() }
}
