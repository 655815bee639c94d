/// Splits a rectangle into rows (``vertical(_:spacing:)``) or columns (``horizontal(_:spacing:)``)
/// following a list of ``Constraint``s: `Layout.vertical([.length(1), .fill(1), .length(1)]).split(area)`.
///
/// Lengths, percentages and minimums are granted first, in order, each clipped to what is left;
/// the rest is shared among `.fill` and `.min` segments by weight, the remainder of the division going
/// to the first ones. Without any `.fill` or `.min`, unclaimed space stays at the end. Sizes are
/// never negative and segments never overlap or leave the area.
public struct Layout: Sendable, Hashable {
    /// Rows (vertical) or columns (horizontal).
    public enum Direction: Sendable, Hashable {
        case vertical
        case horizontal
    }

    public var direction: Direction
    public var constraints: [Constraint]
    /// Empty cells between neighbouring segments.
    public var spacing: Int

    public init(direction: Direction, constraints: [Constraint], spacing: Int = 0) {
        self.direction = direction
        self.constraints = constraints
        self.spacing = max(0, spacing)
    }

    /// Segments stacked top to bottom.
    public static func vertical(_ constraints: [Constraint], spacing: Int = 0) -> Layout {
        Layout(direction: .vertical, constraints: constraints, spacing: spacing)
    }

    /// Segments side by side, left to right.
    public static func horizontal(_ constraints: [Constraint], spacing: Int = 0) -> Layout {
        Layout(direction: .horizontal, constraints: constraints, spacing: spacing)
    }

    /// One rectangle per constraint, in order.
    public func split(_ area: Rect) -> [Rect] {
        let total = direction == .vertical ? area.height : area.width
        let sizes = Layout.sizes(for: constraints, total: total, spacing: spacing)
        var offset = direction == .vertical ? area.y : area.x
        let end = direction == .vertical ? area.bottom : area.right
        var rects: [Rect] = []
        rects.reserveCapacity(sizes.count)
        for (index, size) in sizes.enumerated() {
            let size = Swift.min(size, end - offset)
            switch direction {
            case .vertical: rects.append(Rect(x: area.x, y: offset, width: area.width, height: size))
            case .horizontal: rects.append(Rect(x: offset, y: area.y, width: size, height: area.height))
            }
            offset = Swift.min(end, offset + size + (index < sizes.count - 1 ? spacing : 0))
        }
        return rects
    }

    /// The length each constraint gets out of `total`.
    public static func sizes(for constraints: [Constraint], total: Int, spacing: Int = 0) -> [Int] {
        guard !constraints.isEmpty else { return [] }
        var remaining = max(0, total - max(0, spacing) * (constraints.count - 1))
        let available = remaining
        var sizes = Array(repeating: 0, count: constraints.count)
        var weights = Array(repeating: 0, count: constraints.count)
        for (index, constraint) in constraints.enumerated() {
            let wanted: Int
            switch constraint {
            case .length(let length): wanted = max(0, length)
            case .percentage(let percent): wanted = available * Swift.min(100, Swift.max(0, percent)) / 100
            case .min(let minimum):
                wanted = max(0, minimum)
                weights[index] = 1
            case .fill(let weight):
                wanted = 0
                weights[index] = max(0, weight)
            }
            let granted = Swift.min(wanted, remaining)
            sizes[index] = granted
            remaining -= granted
        }
        let totalWeight = weights.reduce(0, +)
        guard remaining > 0, totalWeight > 0 else { return sizes }
        var leftover = remaining
        for index in sizes.indices where weights[index] > 0 {
            let share = remaining * weights[index] / totalWeight
            sizes[index] += share
            leftover -= share
        }
        for index in sizes.indices where weights[index] > 0 && leftover > 0 {
            sizes[index] += 1
            leftover -= 1
        }
        return sizes
    }
}
