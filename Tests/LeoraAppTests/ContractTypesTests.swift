import LeoraKit
import PortalAPI
import Testing

@testable import LeoraApp

/// The client reads the contract's names through its types, and still shows what this version
/// does not know.
@Suite struct ContractTypesTests {
    @Test func errorCodesAreTypedAndUnknownOnesStayReadable() {
        #expect(LoadFailure(message: "x", code: "CART_CHANGED").errorCode == .cartChanged)
        let unknown = LoadFailure(message: "Teapot", code: "HTTP_418")
        #expect(unknown.errorCode == nil)
        #expect(unknown.code == "HTTP_418")
        #expect(CartScreen.explanation(unknown, cart: nil).description == "Teapot.")
    }

    @Test func statusesAreTypedAndAnUnknownOneIsShownAsSent() {
        var order = Fixtures.order(1)
        #expect(order.knownStatus == .pending)
        order.status = "on_hold"
        #expect(order.knownStatus == nil)
        #expect(OrdersScreen.statusRole(order.status) == .text)
        #expect(DrillDown(url: "/portal/orders?status=on_hold") == nil, "only the contract's statuses are followed")
        #expect(WebhooksScreen.statusRole(WebhookDeliveryStatus.failedPermanent.rawValue) == .danger)
    }

    @Test func permissionsAreTyped() {
        var app = Fixtures.mainState(roles: [.viewer])
        #expect(!app.permissions.contains(.cartWrite))
        app.session?.permissions.append("reports:read")
        #expect(app.permissions == Set(Role.viewer.permissions), "a permission this version does not know is left out")
    }

    @Test func refreshMakesThePanesOwnResourcesStale() {
        #expect(Panes.route(.briefing).resources == [.briefing, .metrics])
        #expect(Panes.route(.cart).resources == [.cart, .customers])
        #expect(PortalQueryKeys.cart == QueryResource.cart.key)
    }
}
