/// Where text sits inside a wider space.
public enum Alignment: Sendable, Hashable {
    case left
    case center
    case right

    /// Columns to skip before text `textWidth` cells wide in a space `width` cells wide.
    public func offset(textWidth: Int, in width: Int) -> Int {
        let spare = max(0, width - textWidth)
        switch self {
        case .left: return 0
        case .center: return spare / 2
        case .right: return spare
        }
    }
}
