import PortalAPI

/// The panes of the main screen, in tab-bar order; number keys 1–7 pick them. Webhooks is there
/// only for `webhooks:admin`.
public enum AppTab: Int, Sendable, Equatable, CaseIterable {
    case briefing, orders, products, cart, health, customers, webhooks

    /// The tabs someone holding `permissions` sees.
    public static func visible(to permissions: Set<Permission>) -> [AppTab] {
        allCases.filter { $0 != .webhooks || permissions.contains(.webhooksAdmin) }
    }

    public var title: String {
        switch self {
        case .briefing: "Briefing"
        case .orders: "Orders"
        case .products: "Products"
        case .cart: "Cart"
        case .health: "Health"
        case .customers: "Customers"
        case .webhooks: "Webhooks"
        }
    }

    /// "1"…"7".
    public var numberKey: Character { Character(String(rawValue + 1)) }
}
