import PortalAPI

/// Keeps the drill-down links a client may follow: exactly one of the contract's five patterns,
/// naming only ids the caller can read.
///
/// Accepted: `/portal/orders?status=S` (S ∈ `OrderStatus`), `/portal/orders/{id}`,
/// `/portal/customers/{id}`, `/portal/products/{id}` and `/portal/products?q=TEXT`. Ids and
/// `TEXT` must be strictly percent-encoded (`PortalLinkEncoding.strictDecode`; `+` is a
/// literal plus), `TEXT` non-empty; no other query parameter, no fragment, no trailing
/// slash, no host. Links with a blank label and repeated urls are dropped too.
struct DrillDownLinkFilter: Sendable, Equatable {
    var orderIds: Set<String>
    var customerIds: Set<String>
    var productIds: Set<String>

    init(orderIds: Set<String>, customerIds: Set<String>, productIds: Set<String>) {
        self.orderIds = orderIds
        self.customerIds = customerIds
        self.productIds = productIds
    }

    /// A filter allowing every order (cancelled ones included), customer and product of `dataset`.
    init(dataset: InsightDataset) {
        self.init(
            orderIds: Set(dataset.orders.map(\.id)), customerIds: dataset.customerIds,
            productIds: Set(dataset.products.map(\.id)))
    }

    /// The links of `links` that pass, in their order.
    func filter(_ links: [AIBriefingOutput.DrillDownLink]) -> [AIBriefingOutput.DrillDownLink] {
        var seen: Set<String> = []
        return links.filter { link in
            !link.label.allSatisfy(\.isWhitespace) && allows(link.url) && seen.insert(link.url).inserted
        }
    }

    /// Whether `url` matches one of the five patterns and names a readable id.
    func allows(_ url: String) -> Bool {
        let prefix = "/portal/"
        guard url.hasPrefix(prefix), !url.contains("#") else { return false }
        let rest = url.dropFirst(prefix.count)
        let parts = rest.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])

        if parts.count == 2 {
            let query = String(parts[1])
            switch path {
            case "orders":
                guard query.hasPrefix("status=") else { return false }
                return OrderStatus(rawValue: String(query.dropFirst("status=".count))) != nil
            case "products":
                guard query.hasPrefix("q=") else { return false }
                guard let text = PortalLinkEncoding.strictDecode(String(query.dropFirst(2))) else { return false }
                return !text.allSatisfy(\.isWhitespace)
            default:
                return false
            }
        }

        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard segments.count == 2, let id = PortalLinkEncoding.strictDecode(String(segments[1])), !id.isEmpty else {
            return false
        }
        switch segments[0] {
        case "orders": return orderIds.contains(id)
        case "customers": return customerIds.contains(id)
        case "products": return productIds.contains(id)
        default: return false
        }
    }
}
