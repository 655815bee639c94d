import PortalAPI

/// Builds the contract's drill-down paths, percent-encoding ids and query values.
enum PortalLinks {
    /// `/portal/orders?status=S`.
    static func orders(status: OrderStatus) -> String {
        "/portal/orders?status=\(status.rawValue)"
    }

    /// `/portal/orders/{id}`.
    static func order(id: String) -> String {
        "/portal/orders/" + PortalLinkEncoding.encode(id)
    }

    /// `/portal/customers/{id}` (that customer's orders).
    static func customer(id: String) -> String {
        "/portal/customers/" + PortalLinkEncoding.encode(id)
    }

    /// `/portal/products/{id}`.
    static func product(id: String) -> String {
        "/portal/products/" + PortalLinkEncoding.encode(id)
    }

    /// `/portal/products?q=TEXT`, `TEXT` percent-encoded (`+` → `%2B`, space → `%20`).
    static func productSearch(_ text: String) -> String {
        "/portal/products?q=" + PortalLinkEncoding.encode(text)
    }
}
