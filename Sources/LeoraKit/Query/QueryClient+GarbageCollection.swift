#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Collecting entries nobody observes once their gc time has passed.
extension QueryClient {
    /// Removes entries with no observers, no running fetch and no mutation in flight
    /// whose gc deadline has passed. Runs by itself on a timer; callable directly.
    public func collectGarbage() {
        let now = clock.now
        for (key, entry) in entries
        where entry.observers.isEmpty && entry.inFlight == nil && entry.activeMutations == 0
            && (entry.gcDeadline.map { $0 <= now } ?? false)
        {
            entries.removeValue(forKey: key)
        }
        scheduleSweeper()
    }

    /// Keeps one timer armed for the earliest gc deadline.
    func scheduleSweeper() {
        let earliest = entries.values.lazy.filter { $0.observers.isEmpty }.compactMap(\.gcDeadline).min()
        guard let earliest else {
            sweeper?.task.cancel()
            sweeper = nil
            return
        }
        if let sweeper, sweeper.deadline <= earliest { return }
        sweeper?.task.cancel()
        let clock = clock
        let task = Task { [weak self] in
            do { try await clock.sleep(until: earliest) } catch { return }
            await self?.sweep(deadline: earliest)
        }
        sweeper = (task, earliest)
    }

    func sweep(deadline: Date) {
        if sweeper?.deadline == deadline { sweeper = nil }
        collectGarbage()
    }
}
