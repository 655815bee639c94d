import Foundation
import Hummingbird
import PortalAPI
import PortalTestSupport
import Synchronization
import Testing
@testable import PortalServer

/// One tenant's slow subscribers do not hold back another tenant's deliveries, and a deleted
/// subscription's deliveries end.
@Suite("Webhook fairness")
struct WebhookFairnessTests {
    /// A subscriber that holds every request on `/slow` until one has arrived on `/fast` (or 8 s pass),
    /// and records the order things happened in.
    final class GatedReceiver: Sendable {
        let service: LoopbackService
        let events = Mutex<[String]>([])
        let slowInFlight = Mutex((now: 0, most: 0))
        let fastArrived = Mutex(false)

        private init(service: LoopbackService) { self.service = service }

        static func start() async throws -> GatedReceiver {
            let holder = Holder()
            let router = Router()
            router.post("/slow") { _, _ -> Response in
                guard let receiver = holder.receiver else { return Response(status: .ok) }
                receiver.events.withLock { $0.append("slow-start") }
                receiver.slowInFlight.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
                for _ in 0..<80 where !receiver.fastArrived.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(100)) }
                receiver.slowInFlight.withLock { $0.now -= 1 }
                receiver.events.withLock { $0.append("slow-end") }
                return Response(status: .ok)
            }
            router.post("/fast") { _, _ -> Response in
                holder.receiver?.events.withLock { $0.append("fast") }
                holder.receiver?.fastArrived.withLock { $0 = true }
                return Response(status: .ok)
            }
            let receiver = GatedReceiver(service: try await LoopbackService.start(router, label: "gated-receiver"))
            holder.set(receiver)
            return receiver
        }

        func url(_ path: String) -> String { "http://127.0.0.1:\(service.port)/\(path)" }

        final class Holder: Sendable {
            private let box = Mutex<GatedReceiver?>(nil)
            var receiver: GatedReceiver? { box.withLock { $0 } }
            func set(_ receiver: GatedReceiver) { box.withLock { $0 = receiver } }
        }
    }

    @Test func anotherTenantsDeliveryIsSentWhileOneTenantsSlowOnesWait() async throws {
        let receiver = try await GatedReceiver.start()
        try await withServer { server in
            let northwind = try await server.login("admin@northwind.test")
            for _ in 0..<12 {
                let created = try await northwind.post(Routes.webhookSubscriptions, json: ["eventType": "order.created", "url": .string(receiver.url("slow"))])
                #expect(created.status == 201)
            }
            let fjord = try await server.login("admin@fjord.test")
            _ = try await fjord.post(Routes.webhookSubscriptions, json: ["eventType": "order.created", "url": .string(receiver.url("fast"))])
            try await WebhookDeliveryTests.placeOrder(server, as: "rep@northwind.test")
            try await WebhookDeliveryTests.placeOrder(server, as: "rep@fjord.test")
            let run = try await WebhookDeliveryTests.runCron(server.client())
            #expect(run.json["recordsProcessed"]?.intValue == 13)
            let events = receiver.events.withLock { $0 }
            let fast = try #require(events.firstIndex(of: "fast"))
            let firstSlowEnd = try #require(events.firstIndex(of: "slow-end"))
            #expect(fast < firstSlowEnd, "Fjord's delivery went out while Northwind's were still held: \(events)")
            #expect(receiver.slowInFlight.withLock { $0.most } <= WebhookDeliveryWorker.perTenantConcurrency)
        }
        await receiver.service.stop()
    }

    @Test func aTenantsSubscriptionsAreCapped() async throws {
        try await withServer { server in
            let admin = try await server.login("admin@northwind.test")
            for index in 0..<WebhooksController.maximumSubscriptions {
                let created = try await admin.post(Routes.webhookSubscriptions, json: ["eventType": "order.created", "url": .string("http://127.0.0.1:9/\(index)")])
                #expect(created.status == 201)
            }
            let refused = try await admin.post(Routes.webhookSubscriptions, json: ["eventType": "order.created", "url": "http://127.0.0.1:9/one-more"])
            #expect(refused.status == 400)
        }
    }

    @Test func deletingASubscriptionEndsItsPendingDeliveries() async throws {
        try await withServer { server in
            let admin = try await server.login("admin@northwind.test")
            let subscription = try await admin.post(
                Routes.webhookSubscriptions, json: ["eventType": "order.created", "url": "http://127.0.0.1:9/nobody"]
            ).data(WebhookSubscriptionPayload.self).subscription
            try await WebhookDeliveryTests.placeOrder(server)
            #expect(try await server.client().get(Routes.health).json["checks"]?["webhooks"]?["queueDepth"]?.intValue == 1)
            #expect(try await admin.send("DELETE", Routes.webhookSubscription(subscription.id)).status == 200)
            #expect(try await server.client().get(Routes.health).json["checks"]?["webhooks"]?["queueDepth"]?.intValue == 0)
            let delivery = try #require(try await admin.get(Routes.webhookDeliveries).data(WebhookDeliveriesPage.self).deliveries.first)
            #expect(delivery.status == "failed_permanent")
        }
    }
}
