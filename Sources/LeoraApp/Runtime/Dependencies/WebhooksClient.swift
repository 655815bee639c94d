import LeoraKit
import PortalAPI

/// Webhook subscriptions and deliveries, for admins; read fresh every time, never cached.
public struct WebhooksClient: Sendable {
    public var subscriptions: @Sendable () async throws -> [WebhookSubscription]
    public var deliveries: @Sendable (_ status: String?) async throws -> [WebhookDelivery]
    public var create: @Sendable (_ eventType: String, _ url: String) async throws -> WebhookSubscription
    public var delete: @Sendable (_ id: String) async throws -> Void

    public init(
        subscriptions: @escaping @Sendable () async throws -> [WebhookSubscription] = { [] },
        deliveries: @escaping @Sendable (String?) async throws -> [WebhookDelivery] = { _ in [] },
        create: @escaping @Sendable (String, String) async throws -> WebhookSubscription = { _, _ in
            throw LoadFailure(message: "Webhooks are not available here.")
        },
        delete: @escaping @Sendable (String) async throws -> Void = { _ in }
    ) {
        self.subscriptions = subscriptions
        self.deliveries = deliveries
        self.create = create
        self.delete = delete
    }

    static func live(session: SessionStore) -> WebhooksClient {
        WebhooksClient(
            subscriptions: { try await session.perform { try await $0.webhookSubscriptions() } },
            deliveries: { status in try await session.perform { try await $0.webhookDeliveries(status: status, limit: 100).items } },
            create: { eventType, url in try await session.perform { try await $0.createWebhookSubscription(eventType: eventType, url: url) } },
            delete: { id in try await session.perform { try await $0.deleteWebhookSubscription(id: id) } })
    }
}
