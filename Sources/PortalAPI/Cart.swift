#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The user's one open cart.
public struct Cart: Codable, Sendable, Equatable {
    public var id: String
    public var customer: CustomerReference?
    public var items: [CartItem]
    public var itemCount: Int
    public var subtotalCents: Int
    public var taxCents: Int
    public var totalCents: Int
    public var currency: String
    /// Increases on every change; checkout's `expectedVersion` compares against it.
    public var version: Int
    public var updatedAt: Date

    public init(
        id: String, customer: CustomerReference?, items: [CartItem], itemCount: Int, subtotalCents: Int,
        taxCents: Int, totalCents: Int, currency: String, version: Int, updatedAt: Date
    ) {
        self.id = id
        self.customer = customer
        self.items = items
        self.itemCount = itemCount
        self.subtotalCents = subtotalCents
        self.taxCents = taxCents
        self.totalCents = totalCents
        self.currency = currency
        self.version = version
        self.updatedAt = updatedAt
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(customer, forKey: .customer)
        try container.encode(items, forKey: .items)
        try container.encode(itemCount, forKey: .itemCount)
        try container.encode(subtotalCents, forKey: .subtotalCents)
        try container.encode(taxCents, forKey: .taxCents)
        try container.encode(totalCents, forKey: .totalCents)
        try container.encode(currency, forKey: .currency)
        try container.encode(version, forKey: .version)
        try container.encode(updatedAt, forKey: .updatedAt)
    }
}

public struct CartItem: Codable, Sendable, Equatable {
    public var id: String
    public var productId: String
    public var sku: String
    public var name: String
    public var unit: String
    public var quantity: Int
    public var unitPriceCents: Int
    public var lineTotalCents: Int

    public init(id: String, productId: String, sku: String, name: String, unit: String, quantity: Int, unitPriceCents: Int, lineTotalCents: Int) {
        self.id = id
        self.productId = productId
        self.sku = sku
        self.name = name
        self.unit = unit
        self.quantity = quantity
        self.unitPriceCents = unitPriceCents
        self.lineTotalCents = lineTotalCents
    }
}

public struct CartPayload: Codable, Sendable { public var cart: Cart; public init(cart: Cart) { self.cart = cart } }
