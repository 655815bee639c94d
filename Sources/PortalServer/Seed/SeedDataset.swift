#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A distributor (tenant) of the seed data.
struct SeedTenant: Codable, Sendable, Equatable {
    var id: String
    var slug: String
    var name: String
    /// ISO 4217 code of every amount of this tenant.
    var currency: String
    /// IANA time-zone name.
    var timezone: String
    /// Tax rate applied to order subtotals, in basis points (825 = 8.25 %).
    var taxRateBasisPoints: Int
}

/// A portal user of the seed data. Every seed user's password is `SeedDataset.demoPassword`.
struct SeedUser: Codable, Sendable, Equatable {
    var id: String
    var tenantId: String
    var email: String
    var name: String
    /// Role names of the contract (`sales_rep`, `admin`, `viewer`).
    var roles: [String]
}

/// A catalogue product of the seed data, with its stock.
struct SeedProduct: Codable, Sendable, Equatable {
    var id: String
    var tenantId: String
    /// Unique within the tenant.
    var sku: String
    var name: String
    var brand: String
    var category: String
    var description: String
    /// Price of one `unit`, in the tenant's minor units.
    var unitPriceCents: Int
    /// What one unit of quantity means: `bottle` or `case`.
    var unit: String
    /// Bottles per unit: 1 for a bottle, 6 or 12 for a case.
    var packSize: Int
    var active: Bool
    var onHand: Int
    /// Stock the warehouse holds back.
    var reserved: Int
}

/// A customer account (restaurant, bar, bottle shop, hotel) of the seed data.
struct SeedCustomer: Codable, Sendable, Equatable {
    var id: String
    var tenantId: String
    var name: String
    var accountNumber: String
    var city: String
}

/// One line of a seed order. The line's SKU and name are the product's.
struct SeedOrderLine: Codable, Sendable, Equatable {
    var id: String
    var productId: String
    var quantity: Int
    var unitPriceCents: Int
}

/// A historical order of the seed data. Totals and tax are not stored: they follow from
/// the lines and the tenant's `taxRateBasisPoints`.
struct SeedOrder: Codable, Sendable, Equatable {
    var id: String
    var tenantId: String
    /// Readable and unique within the tenant, e.g. `NW-10001`.
    var orderNumber: String
    var customerId: String
    /// Id of the user who placed the order.
    var placedBy: String
    var createdAt: Date
    var updatedAt: Date
    /// `pending`, `confirmed`, `shipped`, `delivered` or `cancelled`.
    var status: String
    var notes: String?
    var lines: [SeedOrderLine]
}

/// Everything a fresh portal database is filled with.
struct SeedDataset: Codable, Sendable, Equatable {
    /// The password of every seed user.
    static let demoPassword = "leora-demo"

    var tenants: [SeedTenant]
    var users: [SeedUser]
    var products: [SeedProduct]
    var customers: [SeedCustomer]
    /// Oldest first within each tenant.
    var orders: [SeedOrder]
}
