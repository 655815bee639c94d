#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Decides when to write the cache to disk: only after a change, at most once per
/// `interval` (once a second). The final write at exit ignores it.
public struct PersistenceThrottle: Sendable, Hashable {
    public var interval: Duration
    public private(set) var lastWrite: Date?
    public private(set) var isDirty = false

    public init(interval: Duration = .seconds(1)) {
        self.interval = interval
    }

    /// Records that the cache changed.
    public mutating func markDirty() {
        isDirty = true
    }

    /// Whether a write is due at `now`.
    public func shouldWrite(now: Date) -> Bool {
        guard isDirty else { return false }
        guard let lastWrite else { return true }
        return now >= lastWrite.adding(interval)
    }

    /// Records a write at `now`.
    public mutating func didWrite(at now: Date) {
        lastWrite = now
        isDirty = false
    }

    /// When the next write may happen, if one is pending.
    public func nextWrite(after now: Date) -> Date? {
        guard isDirty else { return nil }
        guard let lastWrite else { return now }
        return max(now, lastWrite.adding(interval))
    }
}
