import Foundation
import PortalTestSupport
import Testing
import TerminalUI

@testable import NcursesBackend

/// A real ncurses terminal in tmux: `ncurses-probe` (Tests/NcursesProbe) runs in a tmux pane and the
/// test reads the pane.
@Suite struct NcursesTerminalTests {
    static var probe: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ncurses-probe").path
    }

    @Test func drawsWideCharactersFollowsResizesAndRestoresTheTerminalInTmux() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.probe), "build the ncurses-probe product first: \(Self.probe)")
        let session = try TmuxSession(
            // The shell stays after the probe so the pane shows the terminal as it was left
            // (tmux hides the cursor of a dead pane).
            command: "'\(Self.probe)'; echo \"probe exited with $?\"; sleep 60")
        defer { session.kill() }
        // The first frame may wait long for the CPU at the suite's busiest start (over 30 s once, stop 20); the
        // wait ends when it shows.
        var screen = try await session.waitForText("héllo 世界|", timeout: .seconds(120))
        #expect(screen[0] == "héllo 世界|", "\(screen)")
        #expect(screen[1] == "size 80x24|", "\(screen)")
        #expect(try session.format("#{alternate_on} #{cursor_flag}") == "1 0")

        try session.type("ab日")
        try await session.waitForText("keys: ab日|")

        #expect(screen[3] == String(repeating: "abc東", count: 15) + "|", "\(screen)")

        try session.resize(width: 60, height: 15)
        screen = try await session.waitForText("size 60x15|")
        #expect(screen.count == 15)
        #expect(screen[0] == "héllo 世界|", "\(screen)")

        // A row of 796 cells over 996 columns: written in parts, one ending on a wide character.
        try session.resize(width: 1000, height: 15)
        screen = try await session.waitForText("size 1000x15|")
        #expect(screen[3] == String(repeating: "abc東", count: 199) + "|", "\(screen[3])")
        try session.resize(width: 60, height: 15)
        screen = try await session.waitForText("size 60x15|")

        try session.sendKeys("q")
        screen = try await session.waitForText("probe exited with ")
        #expect(screen.contains("probe exited with 0"), "\(screen)")
        #expect(!screen.contains { $0.contains("héllo") }, "\(screen)")
        let modes = try session.format("#{alternate_on} #{cursor_flag} #{mouse_any_flag}")
        #expect(modes == "0 1 0", "alternate screen, cursor shown, mouse reporting: \(modes)")
    }
}
