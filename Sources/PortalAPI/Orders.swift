#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

public enum OrderStatus: String, Codable, Sendable, CaseIterable {
    case pending, confirmed, shipped, delivered, cancelled
}

extension Order {
    /// The status, when it is one the contract names (nil for one this version does not know).
    public var knownStatus: OrderStatus? { OrderStatus(rawValue: status) }
}

/// An order placed by a user for a customer, lines included.
public struct Order: Codable, Sendable, Equatable {
    public var id: String
    public var orderNumber: String
    /// Kept as a string so a client can show a status this version does not know.
    public var status: String
    public var customer: CustomerReference
    public var placedBy: String
    public var createdAt: Date
    public var updatedAt: Date
    public var lines: [OrderLine]
    /// The sum of the lines' quantities.
    public var itemCount: Int
    public var subtotalCents: Int
    public var taxCents: Int
    public var totalCents: Int
    public var currency: String
    public var notes: String?

    public init(
        id: String, orderNumber: String, status: String, customer: CustomerReference, placedBy: String,
        createdAt: Date, updatedAt: Date, lines: [OrderLine], itemCount: Int, subtotalCents: Int, taxCents: Int,
        totalCents: Int, currency: String, notes: String?
    ) {
        self.id = id
        self.orderNumber = orderNumber
        self.status = status
        self.customer = customer
        self.placedBy = placedBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.lines = lines
        self.itemCount = itemCount
        self.subtotalCents = subtotalCents
        self.taxCents = taxCents
        self.totalCents = totalCents
        self.currency = currency
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey {
        case id, orderNumber, status, customer, placedBy, createdAt, updatedAt, lines, itemCount, subtotalCents, taxCents, totalCents, currency, notes
    }

    /// A tolerant reader: an order without `lines` (a list may leave them out) reads as having none,
    /// and a client that needs them reads the order itself.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        orderNumber = try container.decode(String.self, forKey: .orderNumber)
        status = try container.decode(String.self, forKey: .status)
        customer = try container.decode(CustomerReference.self, forKey: .customer)
        placedBy = try container.decode(String.self, forKey: .placedBy)
        createdAt = try container.decode(Date.self, forKey: .createdAt)
        updatedAt = try container.decode(Date.self, forKey: .updatedAt)
        lines = try container.decodeIfPresent([OrderLine].self, forKey: .lines) ?? []
        itemCount = try container.decode(Int.self, forKey: .itemCount)
        subtotalCents = try container.decode(Int.self, forKey: .subtotalCents)
        taxCents = try container.decode(Int.self, forKey: .taxCents)
        totalCents = try container.decode(Int.self, forKey: .totalCents)
        currency = try container.decode(String.self, forKey: .currency)
        notes = try container.decodeIfPresent(String.self, forKey: .notes)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(orderNumber, forKey: .orderNumber)
        try container.encode(status, forKey: .status)
        try container.encode(customer, forKey: .customer)
        try container.encode(placedBy, forKey: .placedBy)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(lines, forKey: .lines)
        try container.encode(itemCount, forKey: .itemCount)
        try container.encode(subtotalCents, forKey: .subtotalCents)
        try container.encode(taxCents, forKey: .taxCents)
        try container.encode(totalCents, forKey: .totalCents)
        try container.encode(currency, forKey: .currency)
        try container.encode(notes, forKey: .notes)
    }
}

public struct OrderLine: Codable, Sendable, Equatable {
    public var id: String
    public var productId: String
    public var sku: String
    public var name: String
    public var quantity: Int
    public var unitPriceCents: Int
    public var lineTotalCents: Int

    public init(id: String, productId: String, sku: String, name: String, quantity: Int, unitPriceCents: Int, lineTotalCents: Int) {
        self.id = id
        self.productId = productId
        self.sku = sku
        self.name = name
        self.quantity = quantity
        self.unitPriceCents = unitPriceCents
        self.lineTotalCents = lineTotalCents
    }
}

public struct OrdersPage: Codable, Sendable { public var orders: [Order]; public init(orders: [Order]) { self.orders = orders } }
public struct OrderPayload: Codable, Sendable { public var order: Order; public init(order: Order) { self.order = order } }

/// One short line of an `INSUFFICIENT_STOCK` error's `details.lines`.
public struct StockShortage: Codable, Sendable, Equatable {
    public var productId: String
    public var requested: Int
    public var available: Int
    public init(productId: String, requested: Int, available: Int) {
        self.productId = productId
        self.requested = requested
        self.available = available
    }
}
