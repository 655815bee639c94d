import PortalAPI

/// What one replay step does with the head entry, decided from the portal's cart.
enum CartReplayStep {
    case alreadyApplied
    case send(@Sendable (CartRequests) async throws -> Cart)
    case conflict(CartQueueConflict)

    static func decide(_ entry: CartQueueEntry, server: Cart) -> CartReplayStep {
        switch entry.operation {
        case .setCustomer:
            let current = server.customer?.id
            if current == entry.customer?.id { return .alreadyApplied }
            guard current == entry.baseCustomer?.id else {
                return .conflict(CartQueueConflict(entryId: entry.id, kind: .changedElsewhere, serverCustomer: server.customer))
            }
            let id = entry.customer?.id
            return .send { try await $0.setCustomer(id) }
        case .setLine:
            guard let productId = entry.productId else { return .alreadyApplied }
            let line = server.items.first { $0.productId == productId }
            let quantity = line?.quantity ?? 0
            if quantity == entry.target { return .alreadyApplied }
            guard quantity == entry.base else {
                return .conflict(CartQueueConflict(entryId: entry.id, kind: .changedElsewhere, serverQuantity: quantity))
            }
            let target = entry.target
            if let line {
                let itemId = line.id
                return target == 0 ? .send { try await $0.remove(itemId) } : .send { try await $0.setQuantity(itemId, target) }
            }
            return .send { try await $0.add(productId, target) }
        }
    }
}
