#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Keeping memory flat: a family of keys (`QueryKey.family`, e.g. every orders list page) holds at
/// most `idleLimit` entries nobody needs now; past that the least recently used go at once, before
/// their gc time. An entry that is observed, being fetched, or under a mutation is never dropped.
extension QueryClient {
    /// Marks `key` as just used, so it is the last of its family to be dropped.
    func touch(_ key: QueryKey) {
        guard entries[key] != nil else { return }
        entries[key]?.lastUsed = makeIdentifier()
    }

    /// Drops the least recently used idle entries of `key`'s family beyond `idleLimit`.
    func trimFamily(of key: QueryKey) {
        let family = key.family
        let idle = entries.filter { $0.key.family == family && $0.value.isIdle }
        guard idle.count > idleLimit else { return }
        let victims = idle.sorted { $0.value.lastUsed < $1.value.lastUsed }.prefix(idle.count - idleLimit)
        for (victim, _) in victims { entries.removeValue(forKey: victim) }
        scheduleSweeper()
    }
}

extension QueryEntry {
    /// Nobody needs the entry now: no observer, no fetch, no mutation or optimistic change.
    var isIdle: Bool { observers.isEmpty && inFlight == nil && activeMutations == 0 && layers.isEmpty }
}

extension QueryKey {
    /// The resource and its kind (`["orders", "list"]`, `["orders", "detail"]`, `["cart"]`): keys
    /// counted together against `QueryClient.idleLimit`.
    public var family: ArraySlice<String> { parts.prefix(2) }
}
