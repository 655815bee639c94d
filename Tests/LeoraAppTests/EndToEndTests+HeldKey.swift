import Foundation
import PortalTestSupport
import Testing

extension EndToEndTests {
    /// Issue 13: `j` held down — presses arriving while frames are written, the list scrolling under them —
    /// leaves the screen as a full repaint draws it, colours included: no frame is cut short by the keys
    /// behind it and left half written, and the diffs of many frames add up to the last one.
    @Test func aHeldKeyLeavesTheScreenAsAFullRepaintDrawsIt() async throws {
        try await Self.withLeora(width: 100, height: 30) { session, _, _ in
            try await Self.logIn(session)
            try session.sendKeys("2")
            try await session.waitForText("1 of ", timeout: .seconds(30))
            var selected = 1
            for burst in [30, 15, 1] {
                try session.type(String(repeating: "j", count: burst))
                selected += burst
                try await session.waitForText("\(selected) of ", timeout: .seconds(30))
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
                #expect(drawn == repainted, "after \(selected - 1) presses:\n\(drawn.joined(separator: "\n"))\n---\n\(repainted.joined(separator: "\n"))")
            }
        }
    }
}
