#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI

/// One line of an order, as the insights engine sees it.
struct InsightOrderLine: Sendable, Equatable {
    var productId: String
    var productName: String
    var quantity: Int
    var lineTotalCents: Int

    init(productId: String, productName: String, quantity: Int, lineTotalCents: Int) {
        self.productId = productId
        self.productName = productName
        self.quantity = quantity
        self.lineTotalCents = lineTotalCents
    }
}

/// One order of the calling user, as the insights engine sees it.
struct InsightOrder: Sendable, Equatable {
    var id: String
    var orderNumber: String
    var customerId: String
    var customerName: String
    var createdAt: Date
    /// An `OrderStatus` raw value; `cancelled` orders are ignored by the engine.
    var status: String
    /// Revenue of the order.
    var totalCents: Int
    var lines: [InsightOrderLine]

    init(
        id: String, orderNumber: String, customerId: String, customerName: String, createdAt: Date,
        status: String, totalCents: Int, lines: [InsightOrderLine]
    ) {
        self.id = id
        self.orderNumber = orderNumber
        self.customerId = customerId
        self.customerName = customerName
        self.createdAt = createdAt
        self.status = status
        self.totalCents = totalCents
        self.lines = lines
    }

    /// Whether the order is cancelled (and so left out of every insight).
    var isCancelled: Bool {
        status.lowercased() == OrderStatus.cancelled.rawValue
    }
}

/// A catalogue product, as the insights engine sees it.
struct InsightProduct: Sendable, Equatable {
    var id: String
    var name: String
    var unitPriceCents: Int
    var active: Bool

    init(id: String, name: String, unitPriceCents: Int, active: Bool) {
        self.id = id
        self.name = name
        self.unitPriceCents = unitPriceCents
        self.active = active
    }
}

/// Everything the insights engine reads for one user; filled by the storage layer.
struct InsightDataset: Sendable, Equatable {
    /// The calling user's orders, cancelled ones included (the engine filters them).
    var orders: [InsightOrder]
    /// The tenant's catalogue.
    var products: [InsightProduct]
    /// The instant the insights are computed for.
    var now: Date
    /// The tenant's ISO 4217 currency.
    var currency: String

    /// Every customer the caller may read (the tenant's), whether or not they ordered.
    var customerIds: Set<String>

    init(orders: [InsightOrder], products: [InsightProduct], customerIds: Set<String> = [], now: Date, currency: String) {
        self.orders = orders
        self.products = products
        self.customerIds = customerIds.union(orders.map(\.customerId))
        self.now = now
        self.currency = currency
    }

    /// The orders that count for insights: every order that is not cancelled.
    var activeOrders: [InsightOrder] {
        orders.filter { !$0.isCancelled }
    }
}
