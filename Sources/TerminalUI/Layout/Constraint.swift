/// How much of a layout's length one segment asks for.
public enum Constraint: Sendable, Hashable {
    /// Exactly this many cells (less when there is not enough room).
    case length(Int)
    /// This percentage of the whole length (0–100).
    case percentage(Int)
    /// At least this many cells, and a share of the leftover like `.fill(1)`.
    case min(Int)
    /// A share of what the other constraints leave, proportional to the weight.
    case fill(Int)
}
