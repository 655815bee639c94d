#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Mutations sharing a scope run one after another, in the order they were started
/// (all cart changes share `.cart`). Their optimistic changes show at once.
public struct MutationScope: Hashable, Sendable {
    public var name: String

    public init(_ name: String) {
        self.name = name
    }

    public static let cart = MutationScope("cart")
}

/// An optimistic change to one cached query, applied when a mutation starts and removed
/// (only this one, whatever else is in flight) if it fails.
public struct OptimisticUpdate: Sendable {
    public let key: QueryKey
    let apply: @Sendable (StoredValue?) -> StoredValue?

    /// Changes the value at `key` with `transform`, which gets the current value (or nil)
    /// and returns the optimistic one (nil leaves it as is).
    public static func update<Value: Sendable & Codable>(
        _ key: QueryKey, as type: Value.Type = Value.self, _ transform: @escaping @Sendable (Value?) -> Value?
    ) -> OptimisticUpdate {
        OptimisticUpdate(key: key) { stored in
            guard let next = transform(stored?.value(as: Value.self)) else { return stored }
            return .decoded(next)
        }
    }
}

/// A value the server confirmed, written to the cache when a mutation succeeds (the
/// cart returned by `PATCH /cart/items/:id`), replacing the optimistic change.
public struct QueryWrite: Sendable {
    public let key: QueryKey
    let value: StoredValue
    let etag: String?
    let staleAt: Date?

    public static func set<Value: Sendable & Codable>(
        _ key: QueryKey, to value: Value, etag: String? = nil, staleAt: Date? = nil
    ) -> QueryWrite {
        QueryWrite(key: key, value: .decoded(value), etag: etag, staleAt: staleAt)
    }
}

/// A change to server state, TanStack-style:
/// onMutate (cancel fetches of the optimistic keys, apply the optimistic changes, clear
/// their ETags) → `perform` → on success write `confirmedWrites`, on error remove this
/// mutation's optimistic changes and invalidate `invalidatesOnFailure` → onSettled (invalidate
/// `invalidates`, success or not). Observers see the settled value once: the confirmed write
/// replaces the optimistic change in one step.
///
/// Mutations are not retried here; a retrying `perform` (checkout with its
/// `Idempotency-Key`) is the caller's to write.
public struct Mutation<Output: Sendable>: Sendable {
    public var scope: MutationScope?
    /// Refuse with `QueryClientError.offline` while offline instead of trying.
    public var requiresOnline: Bool
    public var optimisticUpdates: [OptimisticUpdate]
    /// Key prefixes made stale when the mutation settles (see `Invalidation.keys(for:)`).
    public var invalidates: [QueryKey]
    /// Key prefixes made stale only when it fails (a change whose success writes the server's
    /// answer: on failure the server's state is not known).
    public var invalidatesOnFailure: [QueryKey]
    /// Values the server returned, to write into the cache on success.
    public var confirmedWrites: @Sendable (Output) -> [QueryWrite]
    /// Does the request.
    public var perform: @Sendable () async throws -> Output

    public init(
        scope: MutationScope? = nil, requiresOnline: Bool = true, optimisticUpdates: [OptimisticUpdate] = [],
        invalidates: [QueryKey] = [], invalidatesOnFailure: [QueryKey] = [], confirmedWrites: @escaping @Sendable (Output) -> [QueryWrite] = { _ in [] },
        perform: @escaping @Sendable () async throws -> Output
    ) {
        self.scope = scope
        self.requiresOnline = requiresOnline
        self.optimisticUpdates = optimisticUpdates
        self.invalidates = invalidates
        self.invalidatesOnFailure = invalidatesOnFailure
        self.confirmedWrites = confirmedWrites
        self.perform = perform
    }
}
