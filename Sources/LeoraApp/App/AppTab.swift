/// The panes of the main screen, in tab-bar order; number keys 1–5 pick them.
public enum AppTab: Int, Sendable, Equatable, CaseIterable {
    case briefing, orders, products, cart, health

    public var title: String {
        switch self {
        case .briefing: "Briefing"
        case .orders: "Orders"
        case .products: "Products"
        case .cart: "Cart"
        case .health: "Health"
        }
    }

    /// "1"…"5".
    public var numberKey: Character { Character(String(rawValue + 1)) }
}
