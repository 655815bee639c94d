import Foundation
import PortalAPI

/// Where a briefing's drill-down link leads inside the app. Only the contract's portal paths are
/// followed; anything else stays text (`init?` answers nil).
public enum DrillDown: Sendable, Equatable {
    /// `/portal/orders?status=S`
    case orders(status: OrderStatus)
    /// `/portal/orders/{id}`
    case order(id: String)
    /// `/portal/customers/{id}`: the customer, with their recent orders (the customers pane; the
    /// orders pane narrowed to them for a role that cannot see customers).
    case customer(id: String, name: String?)
    /// That customer's orders (the customers pane's `o`).
    case customerOrders(customerId: String, name: String?)
    /// `/portal/products/{id}`
    case product(id: String)
    /// `/portal/products?q=TEXT`
    case productSearch(String)

    /// Parses a drill-down `url`. Query values are percent-decoded with `+` kept as a literal plus
    /// (RFC 3986, as the contract says), so `URLComponents`' form decoding is not used.
    public init?(url: String) {
        let parts = url.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let segments = parts[0].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard segments.count >= 3, segments[0].isEmpty, segments[1] == "portal" else { return nil }
        let query = parts.count > 1 ? Self.parameters(String(parts[1])) : [:]
        switch (segments.count, segments[2]) {
        case (3, "orders"):
            guard let status = query["status"].flatMap(OrderStatus.init) else { return nil }
            self = .orders(status: status)
        case (3, "products"):
            guard let text = query["q"], !text.isEmpty else { return nil }
            self = .productSearch(text)
        case (4, "orders"):
            guard let id = Self.identifier(segments[3]) else { return nil }
            self = .order(id: id)
        case (4, "customers"):
            guard let id = Self.identifier(segments[3]) else { return nil }
            self = .customer(id: id, name: nil)
        case (4, "products"):
            guard let id = Self.identifier(segments[3]) else { return nil }
            self = .product(id: id)
        default:
            return nil
        }
    }

    /// Which tab the link opens.
    public var tab: AppTab {
        switch self {
        case .orders, .order, .customerOrders: .orders
        case .product, .productSearch: .products
        case .customer: .customers
        }
    }

    private static func identifier(_ segment: String) -> String? {
        guard let id = segment.removingPercentEncoding, !id.isEmpty, !id.contains("/") else { return nil }
        return id
    }

    private static func parameters(_ query: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let sides = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = sides[0].removingPercentEncoding, result[name] == nil else { continue }
            result[name] = sides.count > 1 ? sides[1].removingPercentEncoding : ""
        }
        return result
    }
}
