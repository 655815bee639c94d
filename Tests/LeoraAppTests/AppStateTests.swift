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
}
