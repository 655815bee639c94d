import Foundation
import PortalAPI

/// The storage's boundary, measured: wraps any `PortalStorage` and times each call by operation
/// (the method's name, `orders(_:_:)`). One wrapper for every implementation; a method added to the
/// protocol does not compile here until it is measured too.
struct MeasuredStorage: PortalStorage {
    let base: any PortalStorage
    let metrics: PortalMetrics

    private func measure<Result>(_ operation: String = #function, _ body: () async throws -> Result) async throws -> Result {
        try await metrics.measure(PortalMetrics.storageCallDuration, [("operation", operation)], body)
    }

    func account(email: String) async throws -> UserAccount? {
        try await measure { try await base.account(email: email) }
    }

    func account(id: String) async throws -> UserAccount? {
        try await measure { try await base.account(id: id) }
    }

    func tenant(id: String) async throws -> Tenant? {
        try await measure { try await base.tenant(id: id) }
    }

    func recordLogin(userId: String, at date: Date) async throws {
        try await measure { try await base.recordLogin(userId: userId, at: date) }
    }

    func createSession(_ session: NewSession) async throws {
        try await measure { try await base.createSession(session) }
    }

    func liveSession(id: String, at date: Date) async throws -> LiveSession? {
        try await measure { try await base.liveSession(id: id, at: date) }
    }

    func rotateRefreshToken(
        sessionId: String, presentedJti: String, newJti: String, at date: Date, grace: TimeInterval
    ) async throws -> RefreshRotation {
        try await measure {
            try await base.rotateRefreshToken(sessionId: sessionId, presentedJti: presentedJti, newJti: newJti, at: date, grace: grace)
        }
    }

    func revokeSession(id: String, at date: Date) async throws {
        try await measure { try await base.revokeSession(id: id, at: date) }
    }

    func products(_ scope: TenantScope, _ query: ProductQuery) async throws -> Page<Product> {
        try await measure { try await base.products(scope, query) }
    }

    func product(_ scope: TenantScope, id: String) async throws -> Product? {
        try await measure { try await base.product(scope, id: id) }
    }

    func inventory(_ scope: TenantScope, productIds: [String]) async throws -> [Inventory] {
        try await measure { try await base.inventory(scope, productIds: productIds) }
    }

    func customers(_ scope: TenantScope, _ query: CustomerQuery) async throws -> Page<Customer> {
        try await measure { try await base.customers(scope, query) }
    }

    func customer(_ scope: TenantScope, id: String) async throws -> Customer? {
        try await measure { try await base.customer(scope, id: id) }
    }

    func orders(_ scope: TenantScope, _ query: OrderQuery) async throws -> Page<Order> {
        try await measure { try await base.orders(scope, query) }
    }

    func order(_ scope: TenantScope, id: String) async throws -> Order? {
        try await measure { try await base.order(scope, id: id) }
    }

    func placeOrder(_ scope: TenantScope, _ request: CreateOrderRequest, at date: Date, receipt: IdempotencyReceipt) async throws -> Order {
        try await measure { try await base.placeOrder(scope, request, at: date, receipt: receipt) }
    }

    func cancelOrder(_ scope: TenantScope, id: String, at date: Date, receipt: IdempotencyReceipt) async throws -> Order {
        try await measure { try await base.cancelOrder(scope, id: id, at: date, receipt: receipt) }
    }

    func cart(_ scope: TenantScope, at date: Date) async throws -> Cart {
        try await measure { try await base.cart(scope, at: date) }
    }

    func changeCart(_ scope: TenantScope, _ change: CartChange, at date: Date) async throws -> Cart {
        try await measure { try await base.changeCart(scope, change, at: date) }
    }

    func checkout(_ scope: TenantScope, _ request: CheckoutRequest, at date: Date, receipt: IdempotencyReceipt) async throws -> Order {
        try await measure { try await base.checkout(scope, request, at: date, receipt: receipt) }
    }

    func storedOutcome(_ scope: TenantScope, key: String) async throws -> StoredOutcome? {
        try await measure { try await base.storedOutcome(scope, key: key) }
    }

    func insightDataset(_ scope: TenantScope, at date: Date) async throws -> InsightDataset {
        try await measure { try await base.insightDataset(scope, at: date) }
    }

    func cachedBriefing(_ scope: TenantScope) async throws -> CachedBriefing? {
        try await measure { try await base.cachedBriefing(scope) }
    }

    func saveBriefing(_ scope: TenantScope, _ briefing: CachedBriefing) async throws {
        try await measure { try await base.saveBriefing(scope, briefing) }
    }

    func webhookSubscriptions(_ scope: TenantScope) async throws -> [WebhookSubscription] {
        try await measure { try await base.webhookSubscriptions(scope) }
    }

    func createWebhookSubscription(_ scope: TenantScope, _ subscription: WebhookSubscription, secret: String) async throws
        -> WebhookSubscription
    {
        try await measure { try await base.createWebhookSubscription(scope, subscription, secret: secret) }
    }

    func deleteWebhookSubscription(_ scope: TenantScope, id: String, at date: Date) async throws -> Bool {
        try await measure { try await base.deleteWebhookSubscription(scope, id: id, at: date) }
    }

    func webhookDeliveries(_ scope: TenantScope, status: String?, list: ListQuery) async throws -> Page<WebhookDelivery> {
        try await measure { try await base.webhookDeliveries(scope, status: status, list: list) }
    }

    func claimDueDeliveries(at date: Date, leaseUntil: Date, limit: Int, perTenant: Int) async throws -> [DeliveryJob] {
        try await measure { try await base.claimDueDeliveries(at: date, leaseUntil: leaseUntil, limit: limit, perTenant: perTenant) }
    }

    func webhookSubscriptionCount(_ scope: TenantScope) async throws -> Int {
        try await measure { try await base.webhookSubscriptionCount(scope) }
    }

    func recordDeliveryAttempt(_ attempt: DeliveryAttempt) async throws {
        try await measure { try await base.recordDeliveryAttempt(attempt) }
    }

    func pendingDeliveryCount() async throws -> Int {
        try await measure { try await base.pendingDeliveryCount() }
    }

    func recordJobRun(_ result: JobResult, status: String) async throws {
        try await measure { try await base.recordJobRun(result, status: status) }
    }

    func jobRuns(job: String?, list: ListQuery) async throws -> Page<JobRun> {
        try await measure { try await base.jobRuns(job: job, list: list) }
    }

    func deleteExpired(_ cutoffs: RetentionCutoffs) async throws -> [String: Int] {
        try await measure { try await base.deleteExpired(cutoffs) }
    }

    func applyStripeEvent(id: String, type: String, confirmingOrder orderId: String?, at date: Date) async throws -> StripeEventOutcome {
        try await measure { try await base.applyStripeEvent(id: id, type: type, confirmingOrder: orderId, at: date) }
    }

    func ping() async throws {
        try await measure { try await base.ping() }
    }
}
