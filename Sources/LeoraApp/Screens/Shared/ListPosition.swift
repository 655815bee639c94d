/// Where the selection is in a list and how long the list is: the status bar's "12 of 640".
public struct ListPosition: Sendable, Equatable {
    /// Zero-based.
    public var index: Int
    public var count: Int

    /// Nil unless a row of a non-empty list is selected.
    public init?(selected: Int?, count: Int) {
        guard let selected, count > 0, (0..<count).contains(selected) else { return nil }
        self.index = selected
        self.count = count
    }
}
