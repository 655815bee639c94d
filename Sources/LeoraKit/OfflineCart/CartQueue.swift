#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI

/// The offline cart queue of the user logged in: changes made with no connection (or while earlier
/// ones still wait), kept in `CartQueueFile` and shown as the cache's standing optimistic change
/// over the cart, until a replay (`CartQueue+Replay`) brings them to the portal in order.
public actor CartQueue {
    /// What the queue holds now, as the UI shows it.
    public struct Snapshot: Sendable, Equatable {
        public var entries: [CartQueueEntry]
        public var conflict: CartQueueConflict?
        /// Where an unreadable queue file was just moved (kept, never deleted), to say so once.
        public var movedAside: String?
        public init(entries: [CartQueueEntry] = [], conflict: CartQueueConflict? = nil, movedAside: String? = nil) {
            self.entries = entries
            self.conflict = conflict
            self.movedAside = movedAside
        }
        public var isEmpty: Bool { entries.isEmpty }
        /// The entry replay stopped at, when there is a conflict.
        public var conflicting: CartQueueEntry? { conflict.flatMap { conflict in entries.first { $0.id == conflict.entryId } } }
    }

    /// The queue's directory (the session file's, handed in by whoever builds the dependencies).
    public let directory: URL
    let userId: @Sendable () async -> String?
    public let cache: QueryClient
    let now: @Sendable () -> Date
    private(set) var snapshot = Snapshot()
    private var observers: [UInt64: AsyncStream<Snapshot>.Continuation] = [:]
    private var nextObserver: UInt64 = 0

    public init(directory: URL, cache: QueryClient, now: @escaping @Sendable () -> Date = { Date() }, userId: @escaping @Sendable () async -> String?) {
        self.directory = directory
        self.cache = cache
        self.now = now
        self.userId = userId
    }

    /// The file of the user logged in; nil while logged out.
    public func file() async -> CartQueueFile? {
        guard let user = await userId() else { return nil }
        return CartQueueFile(directory: directory, userId: user)
    }

    /// Reads the file again (at start, after another process changed it) and lays its changes over
    /// the cached cart. A corrupt file is moved aside and the queue starts empty.
    @discardableResult
    public func reload() async -> Snapshot {
        guard let file = await file() else { return await publish(Snapshot()) }
        let document: CartQueueDocument
        var movedAside: String?
        do {
            document = try file.read()
        } catch {
            movedAside = (error as? CartQueueFile.Unreadable)?.movedTo ?? file.url.path
            document = CartQueueDocument(userId: file.userId)
        }
        let replayedElsewhere = !snapshot.entries.isEmpty && !Set(snapshot.entries.map(\.id)).isSubset(of: document.entries.map(\.id))
        let next = await publish(Snapshot(entries: document.entries, conflict: document.conflict, movedAside: movedAside))
        // Another process replayed some: the portal's cart is newer than the one cached here.
        if replayedElsewhere { await cache.invalidate(PortalQueryKeys.cart) }
        return next
    }

    /// Whether changes wait (the file's word: another process may have added or replayed some).
    public func hasWaitingChanges() async -> Bool {
        !(await reload()).isEmpty
    }

    public func current() -> Snapshot { snapshot }

    /// The queue on every change, the current one first.
    public func observe() -> AsyncStream<Snapshot> {
        let (stream, continuation) = AsyncStream.makeStream(of: Snapshot.self, bufferingPolicy: .bufferingNewest(1))
        let id = nextObserver
        nextObserver += 1
        observers[id] = continuation
        continuation.onTermination = { [weak self] _ in Task { await self?.removeObserver(id) } }
        continuation.yield(snapshot)
        return stream
    }

    private func removeObserver(_ id: UInt64) { observers[id] = nil }

    /// A change the rep made, as it starts: what it does to the cart shown now (nil: nothing).
    public enum Change: Sendable {
        /// Sets the line of `line.productId` to what `quantity` makes of the quantity shown (0 removes it).
        case line(CartItem, quantity: @Sendable (_ shown: Int) -> Int)
        case customer(CustomerReference?)
    }

    /// Queues `change`, worked out against the cart shown now (the cache's, with the queue over it),
    /// and shows it at once. Returns the cart as shown after it.
    @discardableResult
    public func enqueue(_ change: Change) async throws -> Cart? {
        guard let file = await file() else { throw PortalError.notLoggedIn(reason: "Not logged in") }
        let shown = await cache.getQueryData(PortalQueryKeys.cart, as: Cart.self)
        let now = now()
        let document = try await file.update { document -> CartQueueDocument in
            let current = CartQueueEstimate.apply(document.entries, to: shown)
            var entry: CartQueueEntry
            switch change {
            case .line(let line, let quantity):
                let base = CartQueueEstimate.quantity(of: line.productId, in: current)
                let target = max(0, quantity(base))
                guard target != base else { return document }
                entry = CartQueueEntry(seq: document.nextSeq, userId: file.userId, operation: .setLine, line: line, target: target, base: base, createdAt: now)
            case .customer(let customer):
                guard current?.customer?.id != customer?.id else { return document }
                entry = CartQueueEntry(
                    seq: document.nextSeq, userId: file.userId, operation: .setCustomer, customer: customer, baseCustomer: current?.customer, createdAt: now)
            }
            document.entries.append(entry)
            document.nextSeq += 1
            return document
        }
        await publish(Snapshot(entries: document.entries, conflict: document.conflict))
        return await cache.getQueryData(PortalQueryKeys.cart, as: Cart.self)
    }

    /// Records what the file holds now and lays it over the cart.
    @discardableResult
    func publish(_ next: Snapshot) async -> Snapshot {
        let changed = next != snapshot
        snapshot = next
        let entries = next.entries
        await cache.setStandingUpdate(
            entries.isEmpty ? nil : .update(PortalQueryKeys.cart, as: Cart.self) { CartQueueEstimate.apply(entries, to: $0) }, for: PortalQueryKeys.cart)
        if changed { observers.values.forEach { $0.yield(next) } }
        return next
    }
}
