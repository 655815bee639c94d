/// The permissions the contract names, and the reference roles that grant them.
public enum Permission: String, Codable, Sendable, CaseIterable {
    case ordersRead = "orders:read"
    case ordersWrite = "orders:write"
    case cartWrite = "cart:write"
    case productsRead = "products:read"
    case customersRead = "customers:read"
    case insightsRead = "insights:read"
    case webhooksAdmin = "webhooks:admin"
}

public enum Role: String, Codable, Sendable, CaseIterable {
    case salesRep = "sales_rep"
    case admin
    case viewer

    public var permissions: [Permission] {
        switch self {
        case .admin: Permission.allCases
        case .salesRep: Permission.allCases.filter { $0 != .webhooksAdmin }
        case .viewer: [.ordersRead, .productsRead, .customersRead, .insightsRead]
        }
    }

    /// The union of the permissions of `roles`, in the contract's order; unknown roles grant nothing.
    public static func permissions(for roles: [String]) -> [String] {
        let granted = Set(roles.compactMap(Role.init(rawValue:)).flatMap(\.permissions))
        return Permission.allCases.filter(granted.contains).map(\.rawValue)
    }
}
