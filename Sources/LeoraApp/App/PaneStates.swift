/// What a pane's state must be to be kept by the app: a fresh one is `init()`.
protocol PaneStateValue: Sendable, Equatable {
    init()
}

/// Every pane's state, kept by its tab, so the app's state holds panes it does not name. A pane not
/// yet touched reads as fresh (`init()`). Each state sits in a box shared by the copies of the app's
/// state until one of them changes it (copy on write), so comparing the state drawn last with the
/// state now — once per turn of the loop — compares only the panes that changed.
public struct PaneStates: Sendable, Equatable {
    /// A handful of panes, found by comparing tabs: cheaper than hashing a tab's name at every read.
    private var boxes: [(tab: AppTab, box: PaneBox)] = []

    public init() {}

    private func box(of tab: AppTab) -> PaneBox? {
        boxes.first { $0.tab == tab }?.box
    }

    /// `P`'s box, if it has one. Read several times a key: its type is told by comparing one identifier,
    /// not by a dynamic cast.
    private func box<P: Pane>(of pane: P.Type) -> Box<P.State>? {
        guard let box = box(of: P.tab), box.type == ObjectIdentifier(P.State.self) else { return nil }
        return unsafeDowncast(box, to: Box<P.State>.self)
    }

    subscript<P: Pane>(pane pane: P.Type) -> P.State {
        // Lent, not copied: the loop reads the pane on show several times a key (its footer, its position).
        _read {
            // A pane never touched reads as fresh, without a box made for it.
            if let box = box(of: P.self) { yield box.value } else { yield P.State() }
        }
        _modify {
            let index = boxes.firstIndex { $0.tab == P.tab } ?? {
                boxes.append((P.tab, Box(P.State())))
                return boxes.count - 1
            }()
            // Out of the array while it changes, so that a box no other copy shares is changed in place.
            var box = box(of: P.self) ?? Box(P.State())
            boxes[index].box = Self.placeholder
            if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
            defer {
                box.isBusy = P.isBusy(box.value)
                boxes[index].box = box
            }
            yield &box.value
        }
    }

    /// Whether `tab`'s pane is busy (`Pane.isBusy`), kept with its state as it changes; nil for a pane never
    /// touched. `isLoading` asks it of every pane three times a key, without reading their states.
    func isBusy(_ tab: AppTab) -> Bool? {
        box(of: tab)?.isBusy
    }

    /// Holds a pane's place while its box is out (see the subscript's `_modify`).
    private static let placeholder = PaneBox(type: ObjectIdentifier(PaneBox.self))

    /// Equal when every pane's state is; a pane never touched equals a fresh one.
    public static func == (lhs: PaneStates, rhs: PaneStates) -> Bool {
        for (tab, left) in lhs.boxes {
            guard let right = rhs.box(of: tab) else {
                if !left.isFresh { return false }
                continue
            }
            if left !== right, !left.holdsSameValue(as: right) { return false }
        }
        return rhs.boxes.allSatisfy { tab, right in lhs.box(of: tab) != nil || right.isFresh }
    }
}

/// One pane's state, boxed (see `PaneStates`).
private class PaneBox: @unchecked Sendable {
    /// `ObjectIdentifier` of the state's type.
    let type: ObjectIdentifier
    /// The pane's `isBusy` of the state held, set by `PaneStates` whenever the state changes.
    var isBusy = false
    init(type: ObjectIdentifier) { self.type = type }
    func holdsSameValue(as other: PaneBox) -> Bool { fatalError("overridden") }
    var isFresh: Bool { fatalError("overridden") }
}

/// Mutated only while uniquely referenced (`PaneStates`' `_modify`), so sharing it is safe.
private final class Box<State: PaneStateValue>: PaneBox, @unchecked Sendable {
    var value: State

    init(_ value: State) {
        self.value = value
        super.init(type: ObjectIdentifier(State.self))
    }

    override func holdsSameValue(as other: PaneBox) -> Bool { other.type == type && unsafeDowncast(other, to: Box<State>.self).value == value }
    override var isFresh: Bool { value == State() }
}
