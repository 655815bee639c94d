#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI

/// How a replay ended.
public enum CartReplayOutcome: Sendable, Equatable {
    /// Every change reached the portal; the cart is fetched again (a fresh version for checkout).
    case drained
    /// Another process (or task) replays: its result arrives through the queue file.
    case busy
    /// Stopped at a change that cannot apply as it is; the rep chooses (`CartQueue.resolve`).
    case conflict(CartQueueConflict)
    /// The portal could not be reached or answered 5xx: the change stays at the head, tried again later.
    case interrupted(String)
    case loggedOut
}

extension CartQueue {
    /// Brings the queue to the portal in order, one change at a time, each step reading the cart
    /// first: a change the portal already has is dropped (its answer was lost), one it can take is
    /// sent and its answer written into the cache, and anything else stops the replay at that change
    /// as a conflict. An entry leaves the file only after its answer is in the cache. Only the
    /// process holding the replayer's lock replays.
    public func replay(_ requests: CartRequests) async -> CartReplayOutcome {
        guard let file = await file() else { return .loggedOut }
        let lock: FileLock?
        do {
            lock = try file.tryReplayLock()
        } catch {
            return .interrupted("\(error)")
        }
        guard let lock else { return .busy }
        defer { lock.release() }
        while true {
            let document: CartQueueDocument
            do {
                document = try await file.update { $0 }
            } catch {
                return .interrupted("\(error)")
            }
            await publish(Snapshot(entries: document.entries, conflict: document.conflict))
            if let conflict = document.conflict { return .conflict(conflict) }
            guard let head = document.entries.first else {
                await cache.invalidate(PortalQueryKeys.cart)
                return .drained
            }
            let server: Cart
            do {
                guard case .modified(let cart, _) = try await requests.fetch(nil) else { return .interrupted("the portal sent no cart") }
                server = cart
            } catch {
                return .interrupted("\(error)")
            }
            await cache.setQueryData(PortalQueryKeys.cart, server)
            var conflict: CartQueueConflict?
            switch CartReplayStep.decide(head, server: server) {
            case .alreadyApplied:
                break
            case .conflict(let found):
                conflict = found
            case .send(let call):
                do {
                    let answer = try await call(requests)
                    await cache.setQueryData(PortalQueryKeys.cart, answer)
                } catch let error as PortalError where error.isDefinitive && !error.isUnauthorized {
                    conflict = Self.conflict(head, refusedWith: error, server: server)
                } catch {
                    return .interrupted("\(error)")
                }
            }
            do {
                let next = try await file.update { document -> CartQueueDocument in
                    if let conflict {
                        document.conflict = conflict
                    } else {
                        document.entries.removeAll { $0.id == head.id }
                    }
                    return document
                }
                await publish(Snapshot(entries: next.entries, conflict: next.conflict))
            } catch {
                return .interrupted("\(error)")
            }
            if let conflict { return .conflict(conflict) }
        }
    }

    static func conflict(_ entry: CartQueueEntry, refusedWith error: PortalError, server: Cart) -> CartQueueConflict {
        let quantity = entry.productId.map { CartQueueEstimate.quantity(of: $0, in: server) } ?? 0
        if error.code == ErrorCode.insufficientStock.rawValue {
            let available = error.stockShortages.first { $0.productId == entry.productId }?.available ?? error.stockShortages.first?.available
            return CartQueueConflict(entryId: entry.id, kind: .insufficientStock, serverQuantity: quantity, available: available, message: "\(error)")
        }
        if error.status == 404 || error.code == ErrorCode.notFound.rawValue {
            return CartQueueConflict(entryId: entry.id, kind: .productGone, serverQuantity: quantity, message: "\(error)")
        }
        return CartQueueConflict(entryId: entry.id, kind: .refused, serverQuantity: quantity, serverCustomer: server.customer, message: "\(error)")
    }

    /// Resolves the conflict replay stopped at; the caller replays again afterwards.
    public func resolve(_ choice: CartConflictChoice) async throws {
        guard let file = await file() else { throw PortalError.notLoggedIn(reason: "Not logged in") }
        let document = try await file.update { document -> CartQueueDocument in
            Self.resolve(&document, choice)
            return document
        }
        await publish(Snapshot(entries: document.entries, conflict: document.conflict))
    }

    /// The choice applied to the document: see `CartConflictChoice`.
    static func resolve(_ document: inout CartQueueDocument, _ choice: CartConflictChoice) {
        guard let conflict = document.conflict else { return }
        document.conflict = nil
        guard let index = document.entries.firstIndex(where: { $0.id == conflict.entryId }) else { return }
        let entry = document.entries[index]
        func sameSubject(_ other: CartQueueEntry) -> Bool {
            other.operation == entry.operation && (entry.operation == .setCustomer || other.productId == entry.productId)
        }
        let next = document.entries.indices.first { $0 > index && sameSubject(document.entries[$0]) }
        switch choice {
        case .keepServer:
            let later = document.entries[index...].filter(sameSubject).map(\.id)
            document.entries.removeAll { later.contains($0.id) }
        case .drop:
            if let next {
                document.entries[next].base = conflict.serverQuantity
                document.entries[next].baseCustomer = conflict.serverCustomer
            }
            document.entries.remove(at: index)
        case .applyMine(let quantity):
            document.entries[index].target = max(0, quantity)
            document.entries[index].base = conflict.serverQuantity
            document.entries[index].baseCustomer = conflict.serverCustomer
            if let next {
                document.entries[next].base = max(0, quantity)
                document.entries[next].baseCustomer = entry.customer
            }
        }
    }
}
