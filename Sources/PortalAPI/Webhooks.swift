#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Event types a subscription can ask for.
public enum WebhookEventType: String, Codable, Sendable, CaseIterable {
    case orderCreated = "order.created"
    case orderStatusChanged = "order.status_changed"
}

/// A subscriber's endpoint for one event type. `secret` is present only in the answer that created it.
public struct WebhookSubscription: Codable, Sendable, Equatable {
    public var id: String
    public var eventType: String
    public var url: String
    public var active: Bool
    public var createdAt: Date
    /// `whsec_` + 64 hex digits; returned once, at creation.
    public var secret: String?

    public init(id: String, eventType: String, url: String, active: Bool, createdAt: Date, secret: String?) {
        self.id = id
        self.eventType = eventType
        self.url = url
        self.active = active
        self.createdAt = createdAt
        self.secret = secret
    }
}

/// Body of `POST /api/portal/webhooks/subscriptions`.
public struct CreateWebhookSubscriptionRequest: Codable, Sendable, Equatable {
    public var eventType: String
    public var url: String
    public var active: Bool?

    public init(eventType: String, url: String, active: Bool? = nil) {
        self.eventType = eventType
        self.url = url
        self.active = active
    }
}

/// One event's delivery to one subscription.
public struct WebhookDelivery: Codable, Sendable, Equatable {
    public var id: String
    public var eventId: String
    public var subscriptionId: String
    public var eventType: String
    /// `pending`, `delivered` or `failed_permanent`.
    public var status: String
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var lastStatus: Int?
    public var lastError: String?
    public var createdAt: Date

    public init(
        id: String, eventId: String, subscriptionId: String, eventType: String, status: String, attempts: Int, nextAttemptAt: Date?,
        lastStatus: Int?, lastError: String?, createdAt: Date
    ) {
        self.id = id
        self.eventId = eventId
        self.subscriptionId = subscriptionId
        self.eventType = eventType
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastStatus = lastStatus
        self.lastError = lastError
        self.createdAt = createdAt
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(eventId, forKey: .eventId)
        try container.encode(subscriptionId, forKey: .subscriptionId)
        try container.encode(eventType, forKey: .eventType)
        try container.encode(status, forKey: .status)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(nextAttemptAt, forKey: .nextAttemptAt)
        try container.encode(lastStatus, forKey: .lastStatus)
        try container.encode(lastError, forKey: .lastError)
        try container.encode(createdAt, forKey: .createdAt)
    }
}

public struct WebhookSubscriptionPayload: Codable, Sendable { public var subscription: WebhookSubscription; public init(subscription: WebhookSubscription) { self.subscription = subscription } }
public struct WebhookSubscriptionsList: Codable, Sendable { public var subscriptions: [WebhookSubscription]; public init(subscriptions: [WebhookSubscription]) { self.subscriptions = subscriptions } }
public struct WebhookDeliveriesPage: Codable, Sendable { public var deliveries: [WebhookDelivery]; public init(deliveries: [WebhookDelivery]) { self.deliveries = deliveries } }

/// The states of a webhook delivery (`WebhookDelivery.status`, the `status` filter of the deliveries).
public enum WebhookDeliveryStatus: String, Codable, Sendable, CaseIterable {
    case pending, delivered
    case failedPermanent = "failed_permanent"
}

extension WebhookDelivery {
    /// The status, when it is one the contract names.
    public var knownStatus: WebhookDeliveryStatus? { WebhookDeliveryStatus(rawValue: status) }
}

extension Routes {
    public static let webhookSubscriptions = "/api/portal/webhooks/subscriptions"
    public static func webhookSubscription(_ id: String) -> String { "\(webhookSubscriptions)/\(id)" }
    public static let webhookDeliveries = "/api/portal/webhooks/deliveries"
}

/// What a background job run did (`POST /api/cron/webhook-delivery` answers it).
public struct JobResult: Codable, Sendable, Equatable {
    public var jobName: String
    public var startTime: Date
    public var endTime: Date
    public var recordsProcessed: Int
    public var recordsSucceeded: Int
    public var recordsFailed: Int
    public var errors: [String]

    public init(
        jobName: String, startTime: Date, endTime: Date, recordsProcessed: Int, recordsSucceeded: Int, recordsFailed: Int, errors: [String]
    ) {
        self.jobName = jobName
        self.startTime = startTime
        self.endTime = endTime
        self.recordsProcessed = recordsProcessed
        self.recordsSucceeded = recordsSucceeded
        self.recordsFailed = recordsFailed
        self.errors = errors
    }
}

/// The body posted to a subscriber.
public struct WebhookPayload<Data: Codable & Sendable>: Codable, Sendable {
    /// The event id (also `X-Webhook-Id`).
    public var id: String
    public var eventType: String
    public var timestamp: Date
    public var tenantId: String
    public var data: Data

    public init(id: String, eventType: String, timestamp: Date, tenantId: String, data: Data) {
        self.id = id
        self.eventType = eventType
        self.timestamp = timestamp
        self.tenantId = tenantId
        self.data = data
    }
}

extension Routes {
    public static let cronWebhookDelivery = "/api/cron/webhook-delivery"
    /// Inbound payment events from Stripe (`stripe-signature`), answered in Stripe's shape, not the envelope.
    public static let stripeWebhook = "/api/webhooks/stripe"
}
