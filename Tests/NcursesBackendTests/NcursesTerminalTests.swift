import Foundation
import PortalTestSupport
import Testing
import TerminalUI

@testable import NcursesBackend

#if canImport(Glibc)
import Glibc
#endif

/// A real ncurses terminal in tmux. No test executable is built for it: the test bundle runs
/// itself in a tmux pane with `drawingProbe` enabled, and the outer test reads the pane.
@Suite struct NcursesTerminalTests {
    static let probeVariable = "LEORA_NCURSES_DRAWING_PROBE"

    @Test func drawsWideCharactersFollowsResizesAndRestoresTheTerminalInTmux() async throws {
        let bundle = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let session = try TmuxSession(
            // The shell stays after the probe so the pane shows the terminal as it was left
            // (tmux hides the cursor of a dead pane).
            command: "'\(bundle)' --testing-library swift-testing --filter drawingProbe 2>/dev/null; echo \"probe exited with $?\"; sleep 60",
            environment: [Self.probeVariable: "1"]
        )
        defer { session.kill() }

        var screen = try await session.waitForText("héllo 世界|")
        #expect(screen[0] == "héllo 世界|", "\(screen)")
        #expect(screen[1] == "size 80x24|", "\(screen)")
        #expect(try session.format("#{alternate_on} #{cursor_flag}") == "1 0")

        try session.type("ab日")
        try await session.waitForText("keys: ab日|")

        try session.resize(width: 60, height: 15)
        screen = try await session.waitForText("size 60x15|")
        #expect(screen.count == 15)
        #expect(screen[0] == "héllo 世界|", "\(screen)")

        try session.sendKeys("q")
        screen = try await session.waitForText("probe exited with ")
        #expect(screen.contains("probe exited with 0"), "\(screen)")
        #expect(!screen.contains { $0.contains("héllo") }, "\(screen)")
        let modes = try session.format("#{alternate_on} #{cursor_flag} #{mouse_any_flag}")
        #expect(modes == "0 1 0", "alternate screen, cursor shown, mouse reporting: \(modes)")
    }

    /// Runs only inside the tmux pane started above: draws a frame with wide characters, the
    /// size and the typed keys, redraws on every key and resize, and leaves on `q`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment[probeVariable] == "1"))
    func drawingProbe() throws {
        // Test threads block most signals; the loop's thread must receive them.
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in TerminalSignal.allCases { sigaddset(&signals, signal.number) }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)

        let wakePipe = try WakePipe()
        let terminal = try NcursesTerminal(theme: Theme(name: "probe", colors: [:]), wakePipe: wakePipe)
        defer { terminal.shutdown() }
        var typed = ""
        while true {
            var buffer = Buffer(width: terminal.size.width, height: terminal.size.height)
            buffer.set(x: 0, y: 0, string: "héllo 世界|", style: Style.plain.bold)
            buffer.set(x: 0, y: 1, string: "size \(terminal.size.width)x\(terminal.size.height)|", style: Style(foreground: .indexed(75)))
            buffer.set(x: 0, y: 2, string: "keys: \(typed)|")
            terminal.draw(buffer)

            let ready = EventLoopWaiter().waitForReadable([terminal.inputDescriptor, wakePipe.readDescriptor])
            if ready.contains(wakePipe.readDescriptor) {
                for wakeup in wakePipe.drain() {
                    switch wakeup {
                    case .signal(.windowChanged): terminal.handleWindowChange()
                    case .signal: return
                    case .woken: break
                    }
                }
            }
            if ready.contains(terminal.inputDescriptor) {
                for key in terminal.readKeys() {
                    if key == .character("q") { return }
                    if case .character(let character) = key { typed.append(character) }
                }
            }
        }
    }
}
