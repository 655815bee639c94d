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
