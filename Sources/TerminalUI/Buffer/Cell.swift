/// One terminal cell: the grapheme drawn there, how many columns it takes, and its style.
///
/// A wide (two-column) grapheme occupies two cells: the first holds the grapheme with `width` 2,
/// the second is a *continuation* (empty symbol, `width` 0, same style) that backends skip.
/// The grapheme is a ``Glyph`` (inline bytes, no heap `String`), so cells copy and compare as integers.
public struct Cell: Sendable, Hashable {
    public var glyph: Glyph
    private var columns: UInt8
    public var style: Style
    /// Always zero: fills the cell's last bytes, so that two equal rows of cells are equal bytes too
    /// (`Buffer.rowsEqual` compares rows with `memcmp` first) rather than differing in padding.
    private var padding: UInt16 = 0

    public init(symbol: String, width: Int, style: Style = .plain) {
        self.init(glyph: Glyph(symbol), width: width, style: style)
    }

    @inline(__always)
    public init(glyph: Glyph, width: Int, style: Style = .plain) {
        self.glyph = glyph
        self.columns = UInt8(clamping: width)
        self.style = style
    }

    /// The text drawn: one drawable grapheme (see ``DisplayWidth/drawable(_:)``); empty for a continuation.
    public var symbol: String {
        get { glyph.string }
        set { glyph = Glyph(newValue) }
    }

    /// Columns the symbol takes: 1 or 2, or 0 for a continuation.
    public var width: Int {
        get { Int(columns) }
        set { columns = UInt8(clamping: newValue) }
    }

    /// A space in the default style.
    public static let blank = Cell(glyph: .space, width: 1)

    /// A space in `style`.
    public static func blank(_ style: Style) -> Cell { Cell(glyph: .space, width: 1, style: style) }

    /// The right half of a wide character.
    public static func continuation(_ style: Style) -> Cell { Cell(glyph: .empty, width: 0, style: style) }

    public var isContinuation: Bool { columns == 0 }
}
