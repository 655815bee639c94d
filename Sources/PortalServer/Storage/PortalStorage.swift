import Foundation
import PortalAPI

/// Everything the server keeps. SQLite implements it today; a PostgreSQL implementation can be added
/// without touching a handler. Every tenant-owned read and write takes a `TenantScope`, and the
/// implementation alone applies it.
protocol PortalStorage: Sendable {
    // MARK: Accounts and sessions (before a tenant is known)
    func account(email: String) async throws -> UserAccount?
    func account(id: String) async throws -> UserAccount?
    func tenant(id: String) async throws -> Tenant?
    func recordLogin(userId: String, at date: Date) async throws
    func createSession(_ session: NewSession) async throws
    /// The session if it is neither revoked nor expired, with its user's roles as they are now.
    func liveSession(id: String, at date: Date) async throws -> LiveSession?
    /// Rotates the session's refresh token, or revokes the session when `presentedJti` was retired
    /// more than `grace` ago (or was never issued).
    func rotateRefreshToken(
        sessionId: String, presentedJti: String, newJti: String, at date: Date, grace: TimeInterval
    ) async throws -> RefreshRotation
    func revokeSession(id: String, at date: Date) async throws

    // MARK: Catalogue and customers
    func products(_ scope: TenantScope, _ query: ProductQuery) async throws -> Page<Product>
    func product(_ scope: TenantScope, id: String) async throws -> Product?
    /// Stock of the given products; unknown ids are left out.
    func inventory(_ scope: TenantScope, productIds: [String]) async throws -> [Inventory]
    func customers(_ scope: TenantScope, _ query: CustomerQuery) async throws -> Page<Customer>
    func customer(_ scope: TenantScope, id: String) async throws -> Customer?

    // MARK: Orders (the caller's own)
    func orders(_ scope: TenantScope, _ query: OrderQuery) async throws -> Page<Order>
    func order(_ scope: TenantScope, id: String) async throws -> Order?
    /// Creates the order and lowers stock in one transaction, storing `receipt`'s outcome with it.
    func placeOrder(_ scope: TenantScope, _ request: CreateOrderRequest, at date: Date, receipt: IdempotencyReceipt) async throws -> Order
    func cancelOrder(_ scope: TenantScope, id: String, at date: Date, receipt: IdempotencyReceipt) async throws -> Order

    // MARK: Cart (the caller's one open cart)
    func cart(_ scope: TenantScope, at date: Date) async throws -> Cart
    func changeCart(_ scope: TenantScope, _ change: CartChange, at date: Date) async throws -> Cart
    /// Turns the cart into an order (checkout's preconditions in the contract's order), in one transaction.
    func checkout(_ scope: TenantScope, _ request: CheckoutRequest, at date: Date, receipt: IdempotencyReceipt) async throws -> Order

    // MARK: Idempotency
    func storedOutcome(_ scope: TenantScope, key: String) async throws -> StoredOutcome?

    // MARK: Insights
    func insightDataset(_ scope: TenantScope, at date: Date) async throws -> InsightDataset
    func cachedBriefing(_ scope: TenantScope) async throws -> CachedBriefing?
    func saveBriefing(_ scope: TenantScope, _ briefing: CachedBriefing) async throws

    // MARK: Webhooks (the tenant's, for `webhooks:admin`)
    func webhookSubscriptions(_ scope: TenantScope) async throws -> [WebhookSubscription]
    /// Stores the subscription; the answer carries the secret (the only time it is shown).
    func createWebhookSubscription(_ scope: TenantScope, _ subscription: WebhookSubscription, secret: String) async throws -> WebhookSubscription
    /// False when the tenant has no such subscription.
    func deleteWebhookSubscription(_ scope: TenantScope, id: String, at date: Date) async throws -> Bool
    func webhookDeliveries(_ scope: TenantScope, status: String?, list: ListQuery) async throws -> Page<WebhookDelivery>
    /// Live subscriptions of the tenant (for the per-tenant cap).
    func webhookSubscriptionCount(_ scope: TenantScope) async throws -> Int

    // MARK: Webhook delivery (across tenants: the worker's own view)
    /// Leases up to `limit` due deliveries until `leaseUntil` (another worker cannot claim them meanwhile),
    /// at most `perTenant` of any one tenant, earliest due first.
    func claimDueDeliveries(at date: Date, leaseUntil: Date, limit: Int, perTenant: Int) async throws -> [DeliveryJob]
    /// Records one attempt's outcome and releases the lease.
    func recordDeliveryAttempt(_ attempt: DeliveryAttempt) async throws
    func pendingDeliveryCount() async throws -> Int
    /// Records a run; a run that did nothing after another that did nothing extends that record (`runCount`)
    /// instead of adding a row every interval.
    func recordJobRun(_ result: JobResult, status: String) async throws
    /// Job runs (every tenant's: an operator's view), newest first.
    func jobRuns(job: String?, list: ListQuery) async throws -> Page<JobRun>
    /// Deletes job runs, Stripe event ids and idempotency outcomes older than their cut-offs; rows deleted by kind.
    func deleteExpired(_ cutoffs: RetentionCutoffs) async throws -> [String: Int]

    // MARK: Payments (inbound Stripe events name an order, never a tenant)
    /// Records the event id and, when `orderId` names a `pending` order of any tenant, confirms that order
    /// (recording `order.status_changed`), all in one transaction. An event id seen before changes nothing.
    func applyStripeEvent(id: String, type: String, confirmingOrder orderId: String?, at date: Date) async throws -> StripeEventOutcome

    // MARK: Operations
    /// The health check's probe: a write to a probe table and a read. Throws `StorageProbeFailure`
    /// when the database is gone or refuses writes, any other error when it cannot be read.
    func ping() async throws
}

/// A user as stored, password hash included. Never sent anywhere as is.
struct UserAccount: Sendable, Equatable {
    var id: String
    var tenantId: String
    var email: String
    var name: String
    var roles: [String]
    var passwordHash: String
    var lastLoginAt: Date?

    var portalUser: PortalUser {
        PortalUser(id: id, email: email, name: name, tenantId: tenantId, roles: roles, lastLoginAt: lastLoginAt)
    }
}

/// A live session as storage knows it: whose it is, and that user's current roles.
struct LiveSession: Sendable, Equatable {
    var userId: String
    var tenantId: String
    var roles: [String]
}

struct NewSession: Sendable {
    var id: String
    var userId: String
    var tenantId: String
    var currentJti: String
    var createdAt: Date
    /// 7 days after login, absolute.
    var expiresAt: Date
}

enum RefreshRotation: Sendable, Equatable {
    case rotated(userId: String, tenantId: String, expiresAt: Date)
    /// Unknown, expired or revoked session, or reuse of a token retired too long ago (the session is now revoked).
    case rejected
}

struct ProductQuery: Sendable, Equatable {
    var list: ListQuery
    var text: String?
    var category: String?
}

struct CustomerQuery: Sendable, Equatable {
    var list: ListQuery
    var text: String?
}

struct OrderQuery: Sendable, Equatable {
    var list: ListQuery
    var status: OrderStatus?
    var customerId: String?
    var text: String?
}

enum CartChange: Sendable, Equatable {
    case add(productId: String, quantity: Int)
    case setQuantity(itemId: String, quantity: Int)
    case remove(itemId: String)
    case setCustomer(customerId: String?)
}

/// What a request with an `Idempotency-Key` stores with its effect, in the same transaction.
struct IdempotencyReceipt: Sendable {
    var key: String
    var fingerprint: String
    var status: Int
    /// Renders the response body from the order the operation produced.
    var render: @Sendable (Order) -> Data
}

/// A stored `2xx` outcome, replayed verbatim.
struct StoredOutcome: Sendable, Equatable {
    var fingerprint: String
    var status: Int
    var body: Data
}

/// A briefing as cached per user.
struct CachedBriefing: Sendable, Equatable {
    var briefing: AIBriefingOutput
    var generatedAt: Date
    var expiresAt: Date
}

/// Thrown (and the transaction rolled back) when another process stored an outcome for the key first.
struct IdempotencyKeyTaken: Error {}

/// A claimed delivery with what sending it needs.
struct DeliveryJob: Sendable, Equatable {
    var deliveryId: String
    var eventId: String
    var eventType: String
    var tenantId: String
    var eventData: Data
    var url: String
    var secret: String
    var attempts: Int
}

/// The outcome of one attempt to send a delivery.
struct DeliveryAttempt: Sendable, Equatable {
    var deliveryId: String
    var startedAt: Date
    var status: String
    var attempts: Int
    var nextAttemptAt: Date?
    var lastStatus: Int?
    var lastError: String?
}

/// Why the health probe failed, where it is more than "the database cannot be read".
enum StorageProbeFailure: Error, Equatable {
    /// Reads work, writes do not (a read-only file or file system, a full disk).
    case readOnly
    /// The database file was deleted or replaced under the running server: what it accepts is lost at restart.
    case fileMissing
}

/// The instants before which kept records are deleted (`RetentionJob`).
struct RetentionCutoffs: Sendable, Equatable {
    var jobRuns: Date
    var stripeEvents: Date
    var idempotencyOutcomes: Date
}
