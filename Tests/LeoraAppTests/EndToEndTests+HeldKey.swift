import Foundation
import PortalTestSupport
import Testing

extension EndToEndTests {
    /// Issue 13: `j` held down — presses arriving while frames are written — and `j` and `k` one at a time
    /// with the list scrolling under them (its rows scrolled in the terminal, not written again) leave
    /// the screen as a full repaint draws it, colours included.
    @Test func heldAndScrollingKeysLeaveTheScreenAsAFullRepaintDrawsIt() async throws {
        try await Self.withLeora(width: 100, height: 30) { session, _, _ in
            try await Self.logIn(session)
            try session.sendKeys("2")
            try await session.waitForText("1 of ", timeout: .seconds(30))
            var selected = 1
            // A burst, then single presses that scroll the list up a row each, then back past its top row.
            for (keys, count, oneByOne) in [("j", 30, false), ("j", 4, true), ("k", 30, true)] {
                for _ in 1...(oneByOne ? count : 1) {
                    try session.type(String(repeating: keys, count: oneByOne ? 1 : count))
                    selected += (keys == "j" ? 1 : -1) * (oneByOne ? 1 : count)
                    try await session.waitForText("\(selected) of ", timeout: .seconds(30))
                }
                try await Task.sleep(for: .milliseconds(300))
                let drawn = try session.captureWithEscapes()

                // A terminal one row taller, then the same size again: each time leora clears and paints every cell.
                for height in [31, 30] {
                    try session.resize(width: 100, height: height)
                    try await session.waitForScreen(describedAs: "a repaint at 100×\(height)", timeout: .seconds(30)) { screen in
                        screen.count == height && screen.first?.contains("1 Briefing") == true && screen.last?.contains("\(selected) of ") == true
                    }
                }
                try await Task.sleep(for: .milliseconds(300))
                let repainted = try session.captureWithEscapes()
                #expect(drawn == repainted, "at \(selected):\n\(drawn.joined(separator: "\n"))\n---\n\(repainted.joined(separator: "\n"))")
            }
        }
    }
}
