import Foundation
import Hummingbird
import PortalAPI

/// Webhook subscriptions and deliveries, for `webhooks:admin`.
struct WebhooksController {
    let storage: any PortalStorage
    let clock: PortalClock
    let allowPrivateDestinations: Bool
    /// Live subscriptions one tenant may have.
    static let maximumSubscriptions = 25

    func addRoutes(to group: RouterGroup<PortalRequestContext>) {
        group.get(RouterPath(Routes.webhookSubscriptions)) { request, context in
            let identity = try context.requireIdentity()
            try identity.require(.webhooksAdmin)
            let subscriptions = try await storage.webhookSubscriptions(identity.scope)
            return ConditionalResponse.make(Envelope(data: WebhookSubscriptionsList(subscriptions: subscriptions)), for: request, identity: identity)
        }
        group.post(RouterPath(Routes.webhookSubscriptions)) { request, context in
            let identity = try context.requireIdentity()
            try identity.require(.webhooksAdmin)
            let body = try await RequestDecoding.decode(CreateWebhookSubscriptionRequest.self, from: request)
            guard WebhookEventType(rawValue: body.eventType) != nil else {
                throw APIError.validation(
                    field: "eventType", "eventType must be one of \(WebhookEventType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            do {
                _ = try await WebhookDestination.resolve(body.url, allowPrivate: allowPrivateDestinations)
            } catch let refusal as WebhookDestination.Refusal {
                throw APIError.validation(field: "url", refusal.description)
            }
            guard try await storage.webhookSubscriptionCount(identity.scope) < Self.maximumSubscriptions else {
                throw APIError.validation(field: "url", "A tenant may have at most \(Self.maximumSubscriptions) subscriptions; delete one first")
            }
            let subscription = WebhookSubscription(
                id: Identifier.make("whs"), eventType: body.eventType, url: body.url, active: body.active ?? true, createdAt: clock.now(),
                secret: nil)
            let created = try await storage.createWebhookSubscription(identity.scope, subscription, secret: WebhookSecret.generate())
            return ConditionalResponse.make(Envelope(data: WebhookSubscriptionPayload(subscription: created)), status: .created, for: request, identity: identity)
        }
        group.delete(RouterPath(Routes.webhookSubscription(Routes.idParameter))) { request, context in
            let identity = try context.requireIdentity()
            try identity.require(.webhooksAdmin)
            guard try await storage.deleteWebhookSubscription(identity.scope, id: try context.parameters.requireText("id"), at: clock.now()) else {
                throw APIError.notFound("Subscription")
            }
            return ConditionalResponse.make(Envelope(data: EmptyPayload()), for: request, identity: identity)
        }
        group.get(RouterPath(Routes.webhookDeliveries)) { request, context in
            let identity = try context.requireIdentity()
            try identity.require(.webhooksAdmin)
            let list = try ListQuery.parse(request, defaultLimit: 50)
            let status = try request.query("status")
            if let status, WebhookDeliveryStatus(rawValue: status) == nil {
                throw APIError.validation(field: "status", "status must be pending, delivered or failed_permanent")
            }
            let page = try await storage.webhookDeliveries(identity.scope, status: status, list: list)
            return ConditionalResponse.make(
                Envelope(data: WebhookDeliveriesPage(deliveries: page.rows), meta: list.meta(total: page.total)), for: request, identity: identity)
        }
    }
}

/// Subscription secrets: `whsec_` + 64 hex digits from 32 random bytes.
enum WebhookSecret {
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return "whsec_" + (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
    }
}
