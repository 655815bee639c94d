#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI

/// A checkout whose answer has not arrived yet, kept on disk (0600) from just before it is sent until
/// the portal gives a definitive answer. If the answer is lost (an outage, a crash, a closed laptop),
/// the next checkout sends the same request with the same `Idempotency-Key`: the portal replays the
/// order it made, or makes it now, and never makes two.
public struct PendingCheckout: Codable, Sendable, Equatable {
    public var key: String
    public var request: CheckoutRequest
    public var startedAt: Date

    public init(key: String = UUID().uuidString.lowercased(), request: CheckoutRequest, startedAt: Date) {
        self.key = key
        self.request = request
        self.startedAt = startedAt
    }
}

/// Where one user's pending checkout is kept: beside the session file of the server.
public struct PendingCheckoutFile: Sendable {
    public let url: URL

    public init(session: SessionFile, userId: String) {
        let safe = String(userId.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" ? $0 : "-" })
        url = session.directory.appendingPathComponent("checkout-\(safe).json")
    }

    /// The pending checkout, nil when there is none (or the file cannot be read: then there is nothing to resume).
    public func read() -> PendingCheckout? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? PortalJSON.decoder().decode(PendingCheckout.self, from: data)
    }

    public func write(_ pending: PendingCheckout) throws {
        try LeoraDirectories.ensurePrivate(url.deletingLastPathComponent())
        try QueryFileLock.writeAtomically(try PortalJSON.encoder(sortedKeys: true).encode(pending), to: url.path, mode: 0o600)
    }

    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

extension PortalError {
    /// Whether the portal has surely decided the request: it answered with an error of its own (4xx).
    /// A lost answer, a transport failure or a 5xx (which a proxy may send for a request that succeeded)
    /// leaves the outcome unknown.
    public var isDefinitive: Bool {
        guard let status else { return false }
        return (400..<500).contains(status) && status != 408 && status != 429
    }
}
