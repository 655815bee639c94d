#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI

/// Why the head of the queue cannot be replayed as it is; replay stops there until the rep chooses.
public struct CartQueueConflict: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// The product is gone (404) or no longer sold: the only sensible choice is to drop the change.
        case productGone
        /// The portal has less in stock than the change asks for (`available`).
        case insufficientStock
        /// The line (or customer) on the portal is neither what the rep saw nor what they asked for.
        case changedElsewhere
        /// The portal refused the change for another reason (`message`).
        case refused
    }

    public var entryId: String
    public var kind: Kind
    /// The portal's quantity of the line now (0 when it has none).
    public var serverQuantity: Int
    public var serverCustomer: CustomerReference?
    public var available: Int?
    public var message: String?

    public init(
        entryId: String, kind: Kind, serverQuantity: Int = 0, serverCustomer: CustomerReference? = nil, available: Int? = nil, message: String? = nil
    ) {
        self.entryId = entryId
        self.kind = kind
        self.serverQuantity = serverQuantity
        self.serverCustomer = serverCustomer
        self.available = available
        self.message = message
    }
}

/// The three ways out of a conflict.
public enum CartConflictChoice: Sendable, Equatable {
    /// The portal's value stands: this change and the later ones to the same line (or customer) are dropped.
    case keepServer
    /// Apply the rep's change with `quantity`, on top of the portal's value now.
    case applyMine(quantity: Int)
    /// Drop this change only; a later change to the same line then starts from this one's base.
    case drop
}
