#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where the server reads the time. Whole seconds, since the wire carries no fractions.
struct PortalClock: Sendable {
    private let read: @Sendable () -> Date

    init(_ read: @escaping @Sendable () -> Date) { self.read = read }

    static let system = PortalClock { Date() }

    func now() -> Date {
        Date(timeIntervalSince1970: read().timeIntervalSince1970.rounded(.down))
    }
}
