#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI

/// Where a checkout waiting for a definitive answer is kept (`PendingCheckout`): on disk beside the
/// session for the user logged in — the same file `leora checkout` completes — or in memory.
public struct CheckoutJournal: Sendable {
    public var read: @Sendable () async -> PendingCheckout?
    public var write: @Sendable (PendingCheckout) async throws -> Void
    public var remove: @Sendable () async -> Void

    public init(
        read: @escaping @Sendable () async -> PendingCheckout?, write: @escaping @Sendable (PendingCheckout) async throws -> Void,
        remove: @escaping @Sendable () async -> Void
    ) {
        self.read = read
        self.write = write
        self.remove = remove
    }

    /// Kept by this process only (tests, and scripts that never resume).
    public static func memory() -> CheckoutJournal {
        let box = Box()
        return CheckoutJournal(read: { await box.value }, write: { await box.set($0) }, remove: { await box.set(nil) })
    }

    /// The file of the user `session` has logged in; nothing is kept while logged out.
    public static func file(_ session: SessionStore) -> CheckoutJournal {
        @Sendable func file() async -> PendingCheckoutFile? {
            guard let userId = await session.state.session?.user.id else { return nil }
            return PendingCheckoutFile(session: session.file, userId: userId)
        }
        return CheckoutJournal(
            read: { await file()?.read() },
            write: { pending in
                guard let file = await file() else { throw PortalError.notLoggedIn(reason: "Not logged in") }
                try file.write(pending)
            },
            remove: { await file()?.remove() })
    }

    private actor Box {
        var value: PendingCheckout?
        func set(_ value: PendingCheckout?) { self.value = value }
    }
}

/// A checkout was sent and no definitive answer came (an outage, a 5xx): the order may exist. It
/// stays in the journal and completes, with the same key, when the portal answers again.
public struct CheckoutOutcomeUnknown: Error, Sendable {
    public let cause: PortalError

    public init(cause: PortalError) {
        self.cause = cause
    }
}
