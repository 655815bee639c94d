/// The kind of business a demo customer is; it drives what and how much it orders.
enum SeedCustomerKind: Sendable {
    case restaurant
    case bar
    case bottleShop
    case hotel

    /// The categories such a business buys from when no specialty is given.
    var categories: [SeedCategory] {
        switch self {
        case .restaurant: [.redWine, .whiteWine, .sparklingWine, .roseWine, .liqueur, .brandy]
        case .bar: [.whisky, .gin, .rum, .tequila, .mezcal, .vodka, .liqueur, .sparklingWine]
        case .bottleShop, .hotel: SeedCategory.allCases
        }
    }

    /// How many lines an order usually has.
    var linesPerOrder: ClosedRange<Int> {
        switch self {
        case .restaurant: 2 ... 5
        case .bar: 2 ... 6
        case .bottleShop: 3 ... 8
        case .hotel: 3 ... 7
        }
    }

    /// How many bottles a line of a by-the-bottle product usually has.
    var bottlesPerLine: ClosedRange<Int> {
        switch self {
        case .restaurant, .bar: 2 ... 12
        case .bottleShop: 6 ... 24
        case .hotel: 6 ... 18
        }
    }

    /// How many cases a line of a by-the-case product usually has.
    var casesPerLine: ClosedRange<Int> {
        switch self {
        case .restaurant, .bar: 1 ... 3
        case .bottleShop: 1 ... 6
        case .hotel: 1 ... 4
        }
    }
}
