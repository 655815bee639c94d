import PortalAPI

/// The panes of the main screen, in tab-bar order; number keys 1–7 pick them. Webhooks is there
/// only for `webhooks:admin`.
public enum AppTab: Int, Sendable, Equatable, CaseIterable {
    case briefing, orders, products, cart, health, customers, webhooks

    /// The tabs someone holding `permissions` sees.
    public static func visible(to permissions: Set<Permission>) -> [AppTab] {
        allCases.filter { tab in tab.requiredPermission.map(permissions.contains) ?? true }
    }

    /// What someone needs to see the tab at all; nil when everyone sees it (a pane whose data a role
    /// may not read still shows, with its refusal). Each tab decides here, so a new one must.
    public var requiredPermission: Permission? {
        switch self {
        case .briefing, .orders, .products, .cart, .health, .customers: nil
        case .webhooks: .webhooksAdmin
        }
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
