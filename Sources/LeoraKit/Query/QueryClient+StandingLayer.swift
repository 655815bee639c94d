#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A standing optimistic change: one that outlives any request (the offline cart queue's changes,
/// waiting for the portal). It sits under the optimistic changes of mutations in flight and over
/// every value the server gives, refetches included, until it is replaced or removed.
extension QueryClient {
    /// The layer id reserved for the standing change (mutation ids count up from 0).
    static let standingLayerID = UInt64.max

    /// Shows `update` over `key`'s confirmed value from now on, replacing the standing change there
    /// was; nil removes it.
    public func setStandingUpdate(_ update: OptimisticUpdate?, for key: QueryKey) {
        prepareEntry(key, options: nil, fetcher: nil)
        guard var entry = entries[key] else { return }
        entry.layers.removeAll { $0.mutationID == Self.standingLayerID }
        if let update {
            entry.layers.insert(OptimisticLayer(mutationID: Self.standingLayerID, apply: update.apply), at: 0)
        }
        entry.recomputeDisplayed()
        entries[key] = entry
        notify(key)
    }

    /// `key`'s value as the server last gave it, without any optimistic change.
    public func confirmedData<Value: Sendable & Codable>(_ key: QueryKey, as type: Value.Type = Value.self) -> Value? {
        entries[key]?.confirmed?.value(as: Value.self)
    }
}
