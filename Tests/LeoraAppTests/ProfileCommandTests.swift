import Foundation
import PortalAPI
import Testing

@testable import LeoraApp

/// `:profile NAME` in the reducer: only a known profile, everything of the old one cancelled before
/// the runtime swaps it, and a fresh app for the new one.
@Suite struct ProfileCommandTests {
    let dependencies = Fixtures.dependencies()

    /// The terminal requests and cancelled lifetimes in `effect`, in order.
    static func flatten(_ effect: Effect<AppAction>) -> (requests: [TerminalRequest], cancelled: [EffectID]) {
        switch effect {
        case .terminal(let request): return ([request], [])
        case .cancel(let id): return ([], [id])
        case .merge(let effects):
            let parts = effects.map(flatten)
            return (parts.flatMap(\.requests), parts.flatMap(\.cancelled))
        default: return ([], [])
        }
    }

    @Test func onlyADeclaredProfileIsAccepted() throws {
        let profiles = ["default", "south", "work"]
        #expect(try CommandPalette.parse("profile work", themes: [], profiles: profiles).get() == .profile("work"))
        #expect(throws: PaletteError.self) { try CommandPalette.parse("profile", themes: [], profiles: profiles).get() }
        #expect(throws: PaletteError.self) { try CommandPalette.parse("profile nope", themes: [], profiles: profiles).get() }
        #expect(CommandPalette.complete("profile w", themes: [], profiles: profiles) == "profile work")
        #expect(CommandPalette.complete("prof", themes: [], profiles: profiles) == "profile ")
    }

    @Test func switchingCancelsTheOldProfileFirstThenStartsAFreshApp() throws {
        var app = Fixtures.mainState()
        app.profileNames = ["default", "work"]
        app.screenWidth = 100
        let effect = AppReducer.send(.runCommand(.profile("work")), into: &app, dependencies)
        let (requests, cancelled) = Self.flatten(effect)
        #expect(requests == [.switchProfile("work")])
        #expect(cancelled.contains(AppReducer.session))
        for pane in Panes.all { #expect(cancelled.contains(pane.lifetime), "\(pane.tab)'s effects end with the old profile") }

        _ = AppReducer.send(.profileSwitched(ProfileInfo(name: "work", server: "http://work.test:1", email: "a@work.test")), into: &app, dependencies)
        #expect(app.profile == "work")
        #expect(app.server == "http://work.test:1")
        #expect(app.session == nil)
        #expect(app.phase == .starting, "the new profile's session is being restored")
        // The old profile's panes are dropped: fresh ones, laid out for the terminal.
        var freshCart = CartState()
        freshCart.area = app.cart.area
        #expect(app.cart == freshCart)
        var freshOrders = OrdersState()
        freshOrders.area = app.orders.area
        #expect(app.orders == freshOrders)
        #expect(app.orders.area.width == 100)
        #expect(app.login.email.text == "a@work.test")
        #expect(app.login.profile == "work")
        #expect(app.profileNames == ["default", "work"])
        #expect(app.screenWidth == 100)
        #expect(app.toast?.message.contains("Profile work") == true)
    }

    @Test func theStatusBarNamesAnyProfileButDefault() {
        var app = Fixtures.mainState()
        #expect(!screenContains(Fixtures.render(app), "⟨default⟩"))
        app.profile = "work"
        #expect(screenContains(Fixtures.render(app), "⟨work⟩ "))
    }
}
