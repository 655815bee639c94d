import LeoraKit
import Testing

/// Error descriptions are shown on terminals (standard error, the UI's toasts): text the server put in
/// them arrives there made safe.
@Suite struct PortalErrorDescriptionTests {
    @Test func theServersMessageIsMadeTerminalSafe() {
        let error = PortalError.server(
            status: 409, code: "CART_CHANGED", message: "Cart \u{1B}]0;owned\u{07}changed\u{9B}6n\u{202E}\nagain", details: nil, retryAfter: nil)
        #expect(error.description == "Cart ␛]0;owned␇changed\u{FFFD}6n\u{FFFD}␊again")
    }

    @Test func everyOtherCaseCarryingTextIsToo() {
        let code = PortalError.server(status: 500, code: "\u{1B}[2J", message: "", details: nil, retryAfter: nil)
        #expect(code.description == "The server answered 500 ␛[2J")
        let limited = PortalError.server(status: 429, code: "RATE_LIMITED", message: "Slow\u{202E} down", details: nil, retryAfter: 3)
        #expect(limited.description == "Slow\u{FFFD} down (try again in 3 s)")
        #expect(PortalError.invalidResponse(endpoint: "/x", reason: ".na\u{1B}me is null").description == "Unexpected answer from /x: .na␛me is null")
        #expect(PortalError.notLoggedIn(reason: "Session\u{85}ended").description == "Session\u{FFFD}ended")
        #expect(PortalError.offline.description == "Cannot reach the server; check the address and your connection")
    }
}
