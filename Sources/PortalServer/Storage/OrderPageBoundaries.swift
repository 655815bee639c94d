import PortalAPI
import Synchronization

/// Where the deep pages of one user's order list (newest first, optionally of one status) start, so that
/// page 900 is a keyset seek (`(created_at, id) <= boundary`) plus fewer than `stride` skipped index entries,
/// never a walk past every earlier order. `ids[k]` is the order at position `k × stride`.
///
/// Built by one index-only pass over the list and valid while the list's `revision` (the sum of its
/// `order_counts` revisions, which every insert, status change and delete raises) is the one it was built at.
struct OrderPageBoundaries: Sendable, Equatable {
    static let stride = 100

    var revision: Int
    var ids: [String]

    /// The boundary at or before `offset`, and how many rows follow it before the page; nil within the
    /// first stride, where a plain `OFFSET` skips as little.
    func start(at offset: Int) -> (id: String, skip: Int)? {
        let index = offset / Self.stride
        guard index > 0, index < ids.count else { return nil }
        return (ids[index], offset - index * Self.stride)
    }
}

/// The page boundaries last built for each list, shared by one storage's requests (each instance of the
/// portal has its own; the revision check makes them agree with the database).
final class OrderPageBoundaryCache: Sendable {
    struct Key: Hashable, Sendable {
        var tenantId: String
        var userId: String
        var status: String?

        /// The caller's list of orders (of one status, or all).
        init(_ scope: TenantScope, status: OrderStatus?) {
            (tenantId, userId, self.status) = (scope.tenantId, scope.userId, status?.rawValue)
        }
    }

    private let entries = Mutex<[Key: OrderPageBoundaries]>([:])
    private let capacity: Int

    init(capacity: Int = 1_024) {
        self.capacity = capacity
    }

    /// The list's boundaries if they were built at `revision`.
    func boundaries(for key: Key, revision: Int) -> OrderPageBoundaries? {
        entries.withLock { entries in entries[key].flatMap { $0.revision == revision ? $0 : nil } }
    }

    /// Keeps `boundaries` unless newer ones are there already, and returns them.
    @discardableResult
    func store(_ boundaries: OrderPageBoundaries, for key: Key) -> OrderPageBoundaries {
        entries.withLock { entries in
            if let known = entries[key], known.revision > boundaries.revision { return }
            if entries.count >= capacity, entries[key] == nil, let any = entries.keys.first { entries[any] = nil }
            entries[key] = boundaries
        }
        return boundaries
    }
}
