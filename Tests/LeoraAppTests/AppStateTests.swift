import Foundation
import PortalAPI
import Testing

@testable import LeoraApp

/// What the app's state keeps with the session, for every key and frame to read without working it out.
@Suite struct AppStateTests {
    @Test func theTimeZoneFollowsTheSession() throws {
        let utc = try #require(TimeZone(identifier: "UTC"))
        var state = AppState(server: "http://127.0.0.1:8787")
        #expect(state.timeZone == utc, "no session: UTC")
        state.session = Fixtures.session()
        #expect(state.timeZone.identifier == "America/Chicago", "the tenant's")
        var elsewhere = Fixtures.session()
        elsewhere.tenant?.timezone = "Mars/Olympus_Mons"
        state.session = elsewhere
        #expect(state.timeZone == utc, "a zone this system does not know: UTC")
        state.session = Fixtures.session()
        state.session = nil
        #expect(state.timeZone == utc, "logged out: UTC again")
    }

    /// The status bar's "whose portal": kept with the profile and the session, so it must follow both.
    @Test func theIdentityFollowsTheProfileAndTheSession() {
        var state = AppState(server: "http://127.0.0.1:8787")
        #expect(state.identity == "", "the default profile, no session: nothing")
        state.session = Fixtures.session()
        let slug = Fixtures.session().tenant?.slug ?? ""
        #expect(!slug.isEmpty)
        #expect(state.identity == "rep@" + slug, "the address before its @, at the tenant's slug")
        state.profile = "work"
        #expect(state.identity == "⟨work⟩ rep@" + slug)
        var noTenant = Fixtures.session()
        noTenant.tenant = nil
        noTenant.user.email = ""
        state.session = noTenant
        #expect(state.identity == "⟨work⟩ Maya Okafor@ten_nw", "no address: the name; no tenant: its id")
        state.session = nil
        #expect(state.identity == "⟨work⟩ ")
        #expect(AppState(server: "http://127.0.0.1:8787", profile: "south").identity == "⟨south⟩ ", "a profile chosen at the start")
    }

    /// Issue 13: `isLoading` reads each pane's busy flag, kept with its state as it changes, instead of
    /// every pane's state: it must say what the panes' own `isBusy` say, after any change, in any copy.
    @Test func isLoadingFollowsEveryPanesOwnIsBusy() {
        var state = AppState(server: "http://127.0.0.1:8787")
        state.phase = .main
        let asked = { (state: AppState) in Panes.all.contains { $0.isBusy(state) } }
        #expect(!state.isLoading && !asked(state), "no pane touched")
        state.orders.loadingPages.insert(3)
        #expect(state.isLoading && asked(state))
        let copy = state
        state.orders.loadingPages.removeAll()
        #expect(!state.isLoading && !asked(state))
        #expect(copy.isLoading && asked(copy), "a copy keeps its own panes' flags")
        state.cart.isCheckingOut = true
        #expect(state.isLoading && asked(state))
        state.cart.isCheckingOut = false
        state.webhooks.load.started()
        #expect(state.isLoading && asked(state))
        state.webhooks.load.failed(LoadFailure(message: "timed out"))
        state.customers.openingCustomerID = "c1"
        #expect(state.isLoading && asked(state))
        state.customers.openingCustomerID = nil
        #expect(!state.isLoading && !asked(state))
        state.isOnline = false
        state.orders.loadingPages.insert(1)
        #expect(!state.isLoading, "offline nothing is")
    }
}
