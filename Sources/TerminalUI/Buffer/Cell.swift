/// One terminal cell: the grapheme drawn there, how many columns it takes, and its style.
///
/// A wide (two-column) grapheme occupies two cells: the first holds the grapheme with `width` 2,
/// the second is a *continuation* (empty symbol, `width` 0, same style) that backends skip.
public struct Cell: Sendable, Hashable {
    /// The text drawn: one drawable grapheme (see ``DisplayWidth/drawable(_:)``); empty for a continuation.
    public var symbol: String
    /// Columns the symbol takes: 1 or 2, or 0 for a continuation.
    public var width: Int
    public var style: Style

    public init(symbol: String, width: Int, style: Style = .plain) {
        self.symbol = symbol
        self.width = width
        self.style = style
    }

    /// A space in the default style.
    public static let blank = Cell(symbol: " ", width: 1)

    /// A space in `style`.
    public static func blank(_ style: Style) -> Cell { Cell(symbol: " ", width: 1, style: style) }

    /// The right half of a wide character.
    public static func continuation(_ style: Style) -> Cell { Cell(symbol: "", width: 0, style: style) }

    public var isContinuation: Bool { width == 0 }
}
