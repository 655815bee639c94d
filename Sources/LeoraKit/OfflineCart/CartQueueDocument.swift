#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI

/// The queue file's content.
public struct CartQueueDocument: Codable, Sendable, Equatable {
    public static let currentVersion = 1
    public var version: Int
    public var userId: String
    public var entries: [CartQueueEntry]
    /// The conflict replay stopped at, until the rep resolves it.
    public var conflict: CartQueueConflict?
    public var nextSeq: Int

    public init(userId: String, entries: [CartQueueEntry] = [], conflict: CartQueueConflict? = nil, nextSeq: Int = 1) {
        self.version = Self.currentVersion
        self.userId = userId
        self.entries = entries
        self.conflict = conflict
        self.nextSeq = nextSeq
    }
}
