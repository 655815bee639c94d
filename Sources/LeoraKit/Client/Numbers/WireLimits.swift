/// The ranges numbers from the portal must fall in (see ``WireNumbers``). Wide enough for any real
/// distributor, narrow enough that sums and products of a few of them stay far from `Int.max`.
enum WireLimits {
    /// Minor units of money: ±10¹⁵ (ten trillion dollars).
    static let money = -1_000_000_000_000_000...1_000_000_000_000_000
    /// The quantity of one line: 0…10⁹ units.
    static let quantity = 0...1_000_000_000
    /// Counts: items in an order or cart, orders in a week, rows of a list.
    static let count = 0...1_000_000_000_000
    /// Stock on hand or reserved (a shortfall may show as negative).
    static let stock = -1_000_000_000_000...1_000_000_000_000
    /// Bottles per unit.
    static let packSize = 1...100_000
    /// A page number (hint).
    static let page = 1...1_000_000_000
    /// A page size (hint): the contract's 1…100.
    static let limit = 1...100
    /// A health score (hint).
    static let score = 0...100
    /// Milliseconds, queue depths, attempts (hints).
    static let gauge = 0...1_000_000_000
    /// An HTTP status (hint).
    static let httpStatus = 0...999
    /// Days and ratios of the pace analysis (hints).
    static let days = 0.0...1_000_000.0
    /// The briefing's confidence (hint).
    static let confidence = 0.0...1.0

    /// `0…1,000,000,000`.
    static func describe(_ range: ClosedRange<Int>) -> String { "\(grouped(range.lowerBound))…\(grouped(range.upperBound))" }

    private static func grouped(_ value: Int) -> String {
        let digits = Array(String(value.magnitude))
        var text = value < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }
}
