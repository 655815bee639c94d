import Foundation
import PortalTestSupport
import Testing

extension EndToEndTests {
    /// Pasting `xyz⌫⌫⌫⏎cy` into the orders search once ran as keys: the line feed closed the search,
    /// `c` asked to cancel the selected pending order and `y` confirmed. With bracketed paste it is
    /// the search's text, and no order is cancelled.
    @Test func aPasteIntoTheOrdersSearchIsTextAndCancelsNothing() async throws {
        try await Self.withLeora(width: 120, height: 35) { session, _, _ in
            try await Self.logIn(session)

            try session.sendKeys("2")
            try await session.waitForText("NW-", timeout: .seconds(30))
            try session.sendKeys("s")
            try await session.waitForText("Showing pending", timeout: .seconds(30))
            try await session.waitForScreen(describedAs: "pending orders", timeout: .seconds(30)) { $0.contains { $0.contains("NW-") && $0.contains("pending") } }

            try session.sendKeys("/")
            try await session.waitForText("Search:", timeout: .seconds(10))
            try session.paste("xyz\u{7F}\u{7F}\u{7F}\ncy")
            let screen = try await session.waitForText("Search: xyzcy", timeout: .seconds(10))
            #expect(!screen.contains { $0.contains("Cancel order?") }, "\(screen)")
            try await Task.sleep(for: .seconds(1))
            let later = try session.capture()
            #expect(!later.contains { $0.contains("Cancel order?") || $0.contains("cancelled.") }, "\(later)")

            try session.sendKeys("Escape")
            try await session.waitForScreen(describedAs: "the pending list again", timeout: .seconds(10)) { !$0.contains { $0.contains("Search:") } }
            try session.sendKeys("q")
            try await session.waitForText("leora exited with 0", timeout: .seconds(30))
        }
    }
}
