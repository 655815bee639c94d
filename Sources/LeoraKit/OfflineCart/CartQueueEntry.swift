#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI

/// One cart change made with no connection, kept on disk until the portal has it: an absolute target
/// (a line's quantity, 0 removing it, or the cart's customer) with what the rep saw just before the
/// change (`base`), so a replay can tell "already applied" (the portal has the target), "applies"
/// (it has the base) and "changed elsewhere" (anything else). `id` names the change across retries
/// and processes; `seq` orders it.
public struct CartQueueEntry: Codable, Sendable, Equatable, Identifiable {
    public enum Operation: String, Codable, Sendable {
        /// The line of `line.productId` set to `target` (0 removes it).
        case setLine
        /// The cart's customer set to `customer` (nil clears it).
        case setCustomer
    }

    public var id: String
    public var seq: Int
    public var userId: String
    public var operation: Operation
    /// The line as the rep saw it (product, name, unit, price): enough to show it before the portal answers.
    public var line: CartItem?
    public var target: Int
    public var base: Int
    public var customer: CustomerReference?
    public var baseCustomer: CustomerReference?
    public var createdAt: Date

    public init(
        id: String = UUID().uuidString.lowercased(), seq: Int, userId: String, operation: Operation, line: CartItem? = nil, target: Int = 0,
        base: Int = 0, customer: CustomerReference? = nil, baseCustomer: CustomerReference? = nil, createdAt: Date
    ) {
        self.id = id
        self.seq = seq
        self.userId = userId
        self.operation = operation
        self.line = line
        self.target = target
        self.base = base
        self.customer = customer
        self.baseCustomer = baseCustomer
        self.createdAt = createdAt
    }

    public var productId: String? { line?.productId }

    /// "Château Margaux → 3", "remove Château Margaux", "customer → Bistro Nord": the change in words.
    public var summary: String {
        switch operation {
        case .setLine:
            let name = line?.name ?? productId ?? "?"
            if target == 0 { return "remove \(name)" }
            return base == 0 ? "add \(name) × \(target)" : "\(name) \(base) → \(target)"
        case .setCustomer:
            return "customer → \(customer?.name ?? "none")"
        }
    }
}

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

/// The queue file's content.
public struct CartQueueDocument: Codable, Sendable, Equatable {
    public static let currentVersion = 1
    public var version: Int
    public var userId: String
    public var entries: [CartQueueEntry]
    /// The conflict replay stopped at, until the rep resolves it.
    public var conflict: CartQueueConflict?
    public var nextSeq: Int

    public init(userId: String, entries: [CartQueueEntry] = [], conflict: CartQueueConflict? = nil, nextSeq: Int = 1) {
        self.version = Self.currentVersion
        self.userId = userId
        self.entries = entries
        self.conflict = conflict
        self.nextSeq = nextSeq
    }
}
