import Foundation
import PortalAPI
import Testing

@testable import LeoraApp

@Suite struct WebhooksScreenTests {
    static let subscription = WebhookSubscription(
        id: "whs_1", eventType: "order.created", url: "https://erp.example.com/hooks/leora", active: true, createdAt: Fixtures.now, secret: nil)
    static let deliveries = [
        WebhookDelivery(
            id: "whd_1", eventId: "evt_1", subscriptionId: "whs_1", eventType: "order.created", status: "failed_permanent", attempts: 6,
            nextAttemptAt: nil, lastStatus: 500, lastError: "HTTP 500 from the receiver", createdAt: Fixtures.now),
        WebhookDelivery(
            id: "whd_2", eventId: "evt_2", subscriptionId: "whs_1", eventType: "order.created", status: "pending", attempts: 2,
            nextAttemptAt: Fixtures.now.addingTimeInterval(240), lastStatus: nil, lastError: "connection refused", createdAt: Fixtures.now),
    ]

    func dependencies(
        asked: CallRecorder<String> = CallRecorder(), created: CallRecorder<String> = CallRecorder(), deleted: CallRecorder<String> = CallRecorder()
    ) -> AppDependencies {
        var dependencies = Fixtures.dependencies()
        dependencies.webhooks.subscriptions = { [Self.subscription] }
        dependencies.webhooks.deliveries = { status in
            await asked.record(status ?? "all")
            return Self.deliveries.filter { status == nil || $0.status == status }
        }
        dependencies.webhooks.create = { eventType, url in
            await created.record("\(eventType) \(url)")
            var subscription = Self.subscription
            subscription.id = "whs_2"
            subscription.eventType = eventType
            subscription.url = url
            subscription.secret = "whsec_" + String(repeating: "ab", count: 32)
            return subscription
        }
        dependencies.webhooks.delete = { id in await deleted.record(id) }
        return dependencies
    }

    func run(_ effect: Effect<AppAction>, _ app: inout AppState, _ dependencies: AppDependencies) async {
        for action in await effect.collectActions() { await run(AppReducer.sending(into: &app, action, dependencies), &app, dependencies) }
    }

    @Test func onlyAdminsSeeThePane() {
        let rep = Fixtures.mainState()
        #expect(!Fixtures.render(rep)[0].contains("Webhooks"))
        var repState = rep
        _ = AppReducer.sending(into: &repState, .key(.character("7")), Fixtures.dependencies())
        #expect(repState.tab == .briefing)
        let admin = Fixtures.mainState(roles: [.admin])
        #expect(Fixtures.render(admin, width: 100)[0].contains("7 Webhooks"))
    }

    @Test func subscriptionsAndDeliveriesAreListed() async {
        let dependencies = self.dependencies()
        var app = Fixtures.mainState(roles: [.admin])
        await run(AppReducer.sending(into: &app, .key(.character("7")), dependencies), &app, dependencies)
        #expect(app.tab == .webhooks)
        let screen = Fixtures.render(app, width: 120, height: 30)
        #expect(screenContains(screen, "Subscriptions (1)"))
        #expect(screenContains(screen, "order.created          https://erp.example.com/hooks/leora"))
        #expect(screenContains(screen, "Deliveries: all (2)"))
        #expect(screenContains(screen, "failed permanent     6 —                HTTP 500 from the receiver"))
        #expect(screenContains(screen, "pending              2 2026-11-18 05:10 connection refused"))
    }

    @Test func theStatusFilterAsksThePortal() async {
        let asked = CallRecorder<String>()
        let dependencies = self.dependencies(asked: asked)
        var app = Fixtures.mainState(tab: .webhooks, roles: [.admin])
        await run(AppReducer.sending(into: &app, .webhooks(.load), dependencies), &app, dependencies)
        await run(AppReducer.sending(into: &app, .key(.character("s")), dependencies), &app, dependencies)
        #expect(app.webhooks.status == .pending)
        #expect(app.webhooks.deliveries.map(\.id) == ["whd_2"])
        #expect(await asked.values == ["all", "pending"])
        #expect(screenContains(Fixtures.render(app, width: 120, height: 30), "Deliveries: pending (1)"))
    }

    @Test func aNewSubscriptionShowsItsSecretOnce() async {
        let created = CallRecorder<String>()
        let dependencies = self.dependencies(created: created)
        var app = Fixtures.mainState(tab: .webhooks, roles: [.admin])
        await run(AppReducer.sending(into: &app, .webhooks(.load), dependencies), &app, dependencies)
        _ = AppReducer.sending(into: &app, .key(.character("n")), dependencies)
        #expect(app.webhooks.form != nil)
        _ = AppReducer.sending(into: &app, .key(.tab), dependencies)
        #expect(app.webhooks.form?.eventType == "order.status_changed")
        // Not an address: said, nothing sent.
        _ = AppReducer.sending(into: &app, .key(.enter), dependencies)
        #expect(app.webhooks.form?.message?.hasPrefix("Enter the receiver's address") == true)
        for character in "wms.example.com/in" { _ = AppReducer.sending(into: &app, .key(.character(character)), dependencies) }
        await run(AppReducer.sending(into: &app, .key(.enter), dependencies), &app, dependencies)
        #expect(await created.values == ["order.status_changed https://wms.example.com/in"])
        #expect(app.webhooks.form == nil)
        let secret = "whsec_" + String(repeating: "ab", count: 32)
        #expect(app.webhooks.created?.secret == secret)
        #expect(Fixtures.render(app, width: 120, height: 30).joined().contains(secret))
        #expect(AppReducer.sending(into: &app, .key(.character("y")), dependencies).terminalRequests == [.copyToClipboard(secret)])
        #expect(app.toast?.message == "Secret copied to the clipboard.")
        _ = AppReducer.sending(into: &app, .key(.enter), dependencies)
        #expect(app.webhooks.created == nil)
        #expect(!Fixtures.render(app, width: 120, height: 30).joined().contains(secret), "shown once")
    }

    /// Found by the every-binding end-to-end test: an address typed or pasted whole after the
    /// prefilled `https://` became `https://http://…`.
    @Test func anAddressTypedWholeAfterThePrefilledSchemeIsThatAddress() {
        #expect(WebhooksScreen.typedURL("https://http://127.0.0.1:9/in") == "http://127.0.0.1:9/in")
        #expect(WebhooksScreen.typedURL("https://HTTPS://wms.example.com/in ") == "HTTPS://wms.example.com/in")
        #expect(WebhooksScreen.typedURL("https://wms.example.com/in") == "https://wms.example.com/in")
        #expect(WebhooksScreen.typedURL("https://") == "https://")
    }

    @Test func deleteAsksFirst() async {
        let deleted = CallRecorder<String>()
        let dependencies = self.dependencies(deleted: deleted)
        var app = Fixtures.mainState(tab: .webhooks, roles: [.admin])
        await run(AppReducer.sending(into: &app, .webhooks(.load), dependencies), &app, dependencies)
        _ = AppReducer.sending(into: &app, .key(.character("d")), dependencies)
        #expect(screenContains(Fixtures.render(app, width: 120, height: 30), "Delete subscription?"))
        _ = AppReducer.sending(into: &app, .key(.escape), dependencies)
        #expect(await deleted.values.isEmpty)
        _ = AppReducer.sending(into: &app, .key(.character("d")), dependencies)
        for action in await AppReducer.sending(into: &app, .key(.character("y")), dependencies).collectActions() {
            _ = AppReducer.sending(into: &app, action, dependencies)
        }
        #expect(await deleted.values == ["whs_1"])
        #expect(app.toast?.message == "Subscription deleted; its past deliveries stay listed.")
    }

    func loaded() async -> AppState {
        let dependencies = self.dependencies()
        var app = Fixtures.mainState(tab: .webhooks, roles: [.admin])
        await run(AppReducer.sending(into: &app, .webhooks(.load), dependencies), &app, dependencies)
        app.webhooks.load.updatedAt = Fixtures.now.addingTimeInterval(-120)
        return app
    }

    @Test func rendersAt80x24() async {
        expectScreen(Fixtures.render(await loaded()), [
            " 1 │ 2 Orders │ 3 Products │ 4 Cart 3 │ 5 Health │ 6 Customers │ 7 Webhooks",
            " Subscriptions (1)",
            " Event                  URL                                   Active Since",
            " order.created          https://erp.example.com/hooks/leora   yes    2026-11-18",
            "",
            " Deliveries: all (2)",
            " Event          Status           Tries Next retry       Last error",
            " order.created  failed permanent     6 —                HTTP 500 from the rece…",
            " order.created  pending              2 2026-11-18 05:10 connection refused",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " ←/→/h/l switch  n new  d delete  s status            R refresh  ? help  q quit",
            " rep@northwind  ● online                                      updated 2 min ago",
        ])
    }

    @Test func rendersTheNewSubscriptionFormAt120x35() async {
        var app = await loaded()
        _ = AppReducer.sending(into: &app, .key(.character("n")), dependencies())
        expectScreen(Fixtures.render(app, width: 120, height: 35), [
            " 1 Briefing │ 2 Orders │ 3 Products │ 4 Cart 3 │ 5 Health │ 6 Customers │ 7 Webhooks",
            " Subscriptions (1)",
            " Event                  URL                                                                           Active Since",
            " order.created          https://erp.example.com/hooks/leora                                           yes    2026-11-18",
            "",
            " Deliveries: all (2)",
            " Event                  Status           Tries Next retry       Last error",
            " order.created          failed permanent     6 —                HTTP 500 from the receiver",
            " order.created          pending              2 2026-11-18 05:10 connection refused",
            "",
            "",
            "",
            "",
            "                         ┌─ New subscription ─────────────────────────────────────────────────┐",
            "                         │ Tab changes the event; type the receiver's URL.                    │",
            "                         │                                                                    │",
            "                         │ Event  ‹ order.created ›                                           │",
            "                         │ URL    https://                                                    │",
            "                         │                                                                    │",
            "                         │                                          Enter create · Esc cancel │",
            "                         └────────────────────────────────────────────────────────────────────┘",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            " Enter create  Esc cancel",
            " rep@northwind  ● online                                                                              updated 2 min ago",
        ])
    }
}
