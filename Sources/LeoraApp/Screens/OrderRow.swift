import Foundation
import PortalAPI

/// What a row of the orders list shows, unformatted: the key the table's row cache knows a row by, so a
/// row drawn before costs this, not its date and money formatted again. A row not loaded yet is
/// `notLoaded` (drawn as "…").
struct OrderRow: Hashable, Sendable {
    var orderNumber: String
    var createdAt: Date
    var customer: String
    var status: String
    var itemCount: Int
    var totalCents: Int
    var currency: String
    /// The zone the date is written in.
    var timeZone: String

    init(order: Order, timeZone: String) {
        orderNumber = order.orderNumber
        createdAt = order.createdAt
        customer = order.customer.name
        status = order.status
        itemCount = order.itemCount
        totalCents = order.totalCents
        currency = order.currency
        self.timeZone = timeZone
    }
}
