/// An optional stored out of line: the state holds one reference, so copying or comparing the state
/// (several times a key: the store, the frame drawn last, the panes' lookups) moves a word instead of
/// the value, and a `nil` costs no allocation. For the large fields a state rarely has (an open
/// detail, a dialog's subject); a change replaces the box.
@propertyWrapper
public struct OutOfLine<Wrapped: Sendable & Equatable>: Sendable, Equatable {
    private final class Storage: Sendable {
        let value: Wrapped
        init(_ value: Wrapped) { self.value = value }
    }

    private var storage: Storage?

    public init(wrappedValue: Wrapped?) { storage = wrappedValue.map(Storage.init) }

    public var wrappedValue: Wrapped? {
        get { storage?.value }
        set { storage = newValue.map(Storage.init) }
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        switch (lhs.storage, rhs.storage) {
        case (nil, nil): true
        case let (left?, right?): left === right || left.value == right.value
        default: false
        }
    }
}
