#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One answer of a read for a screen: the value, and when the portal gave it (the cache's
/// `dataUpdatedAt`), so a screen can say how old what it shows really is. `updatedAt` is nil
/// when not known (an uncached read): it was just given.
public struct Answer<Value: Sendable>: Sendable {
    public var value: Value
    public var updatedAt: Date?

    public init(_ value: Value, updatedAt: Date? = nil) {
        self.value = value
        self.updatedAt = updatedAt
    }
}

extension Answer: Equatable where Value: Equatable {}
