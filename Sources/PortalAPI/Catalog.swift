#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A product of the tenant's catalogue, with its stock.
public struct Product: Codable, Sendable, Equatable {
    public var id: String
    public var sku: String
    public var name: String
    public var brand: String
    public var category: String
    public var description: String
    public var unitPriceCents: Int
    public var currency: String
    /// What one unit of `quantity` means: `bottle` or `case`.
    public var unit: String
    /// Bottles per unit (1 for a bottle).
    public var packSize: Int
    public var active: Bool
    public var inventory: Inventory

    public init(
        id: String, sku: String, name: String, brand: String, category: String, description: String,
        unitPriceCents: Int, currency: String, unit: String, packSize: Int, active: Bool, inventory: Inventory
    ) {
        self.id = id
        self.sku = sku
        self.name = name
        self.brand = brand
        self.category = category
        self.description = description
        self.unitPriceCents = unitPriceCents
        self.currency = currency
        self.unit = unit
        self.packSize = packSize
        self.active = active
        self.inventory = inventory
    }
}

/// Stock of one product. `available = max(0, onHand - reserved)`, 0 when the product is inactive.
public struct Inventory: Codable, Sendable, Equatable {
    public var productId: String
    public var onHand: Int
    public var reserved: Int
    public var available: Int
    public var updatedAt: Date

    public init(productId: String, onHand: Int, reserved: Int, available: Int, updatedAt: Date) {
        self.productId = productId
        self.onHand = onHand
        self.reserved = reserved
        self.available = available
        self.updatedAt = updatedAt
    }
}

/// A customer account.
public struct Customer: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var accountNumber: String
    public var city: String
    /// 0 to 100.
    public var healthScore: Int
    public var lastOrderAt: Date?

    public init(id: String, name: String, accountNumber: String, city: String, healthScore: Int, lastOrderAt: Date?) {
        self.id = id
        self.name = name
        self.accountNumber = accountNumber
        self.city = city
        self.healthScore = healthScore
        self.lastOrderAt = lastOrderAt
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(accountNumber, forKey: .accountNumber)
        try container.encode(city, forKey: .city)
        try container.encode(healthScore, forKey: .healthScore)
        try container.encode(lastOrderAt, forKey: .lastOrderAt)
    }
}

/// `{ id, name }` of a customer inside an order or a cart.
public struct CustomerReference: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

public struct ProductsPage: Codable, Sendable { public var products: [Product]; public init(products: [Product]) { self.products = products } }
public struct ProductPayload: Codable, Sendable { public var product: Product; public init(product: Product) { self.product = product } }
public struct InventoryList: Codable, Sendable { public var inventory: [Inventory]; public init(inventory: [Inventory]) { self.inventory = inventory } }
public struct CustomersPage: Codable, Sendable { public var customers: [Customer]; public init(customers: [Customer]) { self.customers = customers } }
public struct CustomerPayload: Codable, Sendable { public var customer: Customer; public init(customer: Customer) { self.customer = customer } }
