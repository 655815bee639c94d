/// Every number in a portal answer is checked as it is decoded, before anything computes with it:
/// a hostile or broken server must not be able to make the client trap (`-1` rows, `Int.max` of a
/// line, a count that overflows when summed).
///
/// Two treatments, by what the number is for (``WireLimits`` has the ranges):
/// - **exact** numbers — money, quantities, stock — mean what they say; one outside its range makes
///   the whole answer invalid, naming the field (`data.cart.items[0].quantity is 9223372036854775807,
///   outside 0…1,000,000,000`), rather than being shown wrong;
/// - **hints** — pagination, scores, durations, confidence — only steer the screen, and are clamped.
///
/// `PortalClient` applies it to every answer whose type is ``CheckedNumbers``.
enum WireNumbers {
    /// `value` with its numbers checked, when its type has any.
    static func checked<T>(_ value: T) throws(NumberOutOfRange) -> T {
        guard let checkable = value as? any CheckedNumbers else { return value }
        return try checkable.checkingNumbers(NumberChecker()) as? T ?? value
    }
}

/// A type whose numbers come from the portal. `checkingNumbers` returns it with its hints clamped,
/// or throws for an exact number out of range.
protocol CheckedNumbers {
    func checkingNumbers(_ checker: NumberChecker) throws(NumberOutOfRange) -> Self
}

/// A number the contract does not allow, and where it was.
public struct NumberOutOfRange: Error, Sendable, Equatable, CustomStringConvertible {
    /// Its path in the answer: `data.orders[3].lines[0].quantity`.
    public var field: String
    public var value: String
    public var allowed: String

    public var description: String { "\(field) is \(value), outside \(allowed)" }
}

/// Checks the numbers of one place in an answer, knowing its path for messages.
struct NumberChecker {
    var path = ""

    func field(_ name: String) -> NumberChecker { NumberChecker(path: path.isEmpty ? name : "\(path).\(name)") }
    func element(_ index: Int) -> NumberChecker { NumberChecker(path: "\(path)[\(index)]") }

    /// `value` if within `range`; otherwise the answer is refused.
    func exact(_ value: Int, _ name: String, in range: ClosedRange<Int>) throws(NumberOutOfRange) -> Int {
        guard range.contains(value) else {
            throw NumberOutOfRange(field: field(name).path, value: "\(value)", allowed: WireLimits.describe(range))
        }
        return value
    }

    func exact(_ value: Int?, _ name: String, in range: ClosedRange<Int>) throws(NumberOutOfRange) -> Int? {
        try value.map { value throws(NumberOutOfRange) in try exact(value, name, in: range) }
    }

    /// `value` moved into `range`.
    func clamped(_ value: Int, in range: ClosedRange<Int>) -> Int { min(max(value, range.lowerBound), range.upperBound) }

    func clamped(_ value: Int?, in range: ClosedRange<Int>) -> Int? { value.map { clamped($0, in: range) } }

    /// `value` moved into `range` (an infinity to its end).
    func clamped(_ value: Double, in range: ClosedRange<Double>) -> Double {
        value.isNaN ? range.lowerBound : min(max(value, range.lowerBound), range.upperBound)
    }

    /// Each element checked at `name[index]`.
    func each<Element: CheckedNumbers>(_ elements: [Element], _ name: String) throws(NumberOutOfRange) -> [Element] {
        let list = field(name)
        var checked: [Element] = []
        checked.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() { checked.append(try element.checkingNumbers(list.element(index))) }
        return checked
    }
}
