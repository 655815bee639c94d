import Foundation
import PortalTestSupport
import Testing

/// The selected row stays visible on 8-colour terminals and without colours, read from the real
/// terminal's cells (tmux's SGR codes for each row).
extension EndToEndTests {
    @Test(arguments: [["TERM": "screen"], ["TERM": "xterm"], ["NO_COLOR": "1"], ["TERM": "xterm-256color"]])
    func theSelectedRowIsVisibleAtEveryColourDepth(environment: [String: String]) async throws {
        try await Self.withLeora(width: 120, height: 35, environment: environment) { session, _, _ in
            try await Self.logIn(session)
            try session.sendKeys("2")
            try await session.waitForText("Number", timeout: .seconds(30))
            let screen = try await session.waitForScreen(describedAs: "an order row") { rows in rows.contains { $0.contains("NW-1") } }
            let plainRow = try #require(screen.firstIndex { $0.contains("NW-1") })
            let rows = try session.captureWithEscapes()
            let selected = try #require(rows.first { $0.contains("NW-1") })
            // Reverse video, or a background colour that is not black: either way the row stands out.
            let standsOut = selected.range(of: "\u{1b}\\[([0-9;]*;)?7(;[0-9;]*)?m|\u{1b}\\[4[1-7]m|\u{1b}\\[48;5;", options: .regularExpression) != nil
            #expect(standsOut, "\(environment): the selected row (\(plainRow)) has no highlight: \(selected.debugDescription)")
            #expect(!rows.joined().contains("\u{1b}[30m\u{1b}[40m"), "\(environment): black text on black somewhere")
        }
    }
}
