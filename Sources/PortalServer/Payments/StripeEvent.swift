import Foundation
import PortalAPI

/// What the portal reads of a Stripe event: its id, its type and `data.object.metadata.orderId`.
/// Everything else in the event is ignored.
struct StripeEvent: Sendable, Equatable {
    /// The event types that confirm the order they name.
    static let confirmingTypes: Set<String> = ["payment_intent.succeeded", "invoice.paid"]

    var id: String?
    var type: String?
    var orderId: String?

    /// Nil when `body` is not JSON. JSON of another shape gives an event with nil fields.
    init?(json body: Data) {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: body) else { return nil }
        id = json["id"]?.stringValue
        type = json["type"]?.stringValue
        orderId = json["data"]?["object"]?["metadata"]?["orderId"]?.stringValue
    }

    init(id: String?, type: String?, orderId: String?) {
        self.id = id
        self.type = type
        self.orderId = orderId
    }

    /// The order this event confirms: the one it names, when its type is a confirming one.
    var orderToConfirm: String? {
        guard let type, Self.confirmingTypes.contains(type) else { return nil }
        return orderId
    }
}

/// What applying a Stripe event did; stored with the event id.
enum StripeEventOutcome: String, Sendable, Equatable {
    /// The named order was `pending` and is now `confirmed`.
    case confirmed
    /// The event id was processed before; nothing changed.
    case replayed
    /// Not an event that confirms an order; recorded, nothing else changed.
    case ignored
    case orderNotFound = "order_not_found"
    /// The named order exists but is not `pending` (already confirmed, cancelled…).
    case orderNotPending = "order_not_pending"
}
