/// A value that never changes, behind one reference: passing `value` on lends it rather than copying it.
final class Lent<Value: Sendable>: Sendable {
    let value: Value

    init(_ value: Value) { self.value = value }
}
