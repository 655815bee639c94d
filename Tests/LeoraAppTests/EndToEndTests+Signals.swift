import Foundation
import PortalTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// However `leora` ends — a crash, Ctrl-\, a signal nobody handles — the terminal is left as it
/// was found: normal screen, cooked mode (typing echoes), cursor shown, mouse reporting and
/// bracketed paste off. None of these needs a portal: the login screen is the terminal UI too.
extension EndToEndTests {
    /// Nothing listens here: the login screen shows all the same.
    static let noPortal = "http://127.0.0.1:9"

    /// A fresh home for one run; removed by `body`'s caller.
    static func withHome(_ body: (URL) async throws -> Void) async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("leora-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        try await body(home)
    }

    @Test func aCrashRestoresTheTerminalSaysWhereTheLogIsAndLogsTheBacktrace() async throws {
        try await Self.withHome { home in
            let session = try Self.startLeora(
                home: home, server: Self.noPortal, width: 120, height: 35, arguments: ["--mouse"], environment: ["LEORA_TEST_CRASH": "1"])
            defer { session.kill() }
            // The backtracer symbolicates before the process dies: give it time.
            let screen = try await session.waitForText("leora exited with ", timeout: .seconds(90))
            let log = home.appendingPathComponent("state/leora/leora.log")
            #expect(screen.contains { $0.contains("leora crashed") }, "\(screen)")
            #expect(screen.joined().contains(log.path), "the message names the log: \(screen)")
            #expect(screen.contains { $0.contains("leora exited with 132") || $0.contains("leora exited with 133") }, "died of the trap: \(screen)")
            #expect(!screen.joined().contains("Press space"), "no interactive backtracer: \(screen)")
            #expect(!screen.joined().contains("Program crashed"), "the backtrace went to the log, not the screen: \(screen)")
            try await Self.expectTerminalRestored(session)

            let text = try String(contentsOf: log, encoding: .utf8)
            #expect(text.contains("Fatal error: LEORA_TEST_CRASH=1"), "the runtime's message is logged")
            #expect(text.contains("Program crashed"), "the backtrace is logged")
            #expect(text.contains("TestCrash"), "with the frame that trapped")
        }
    }

    @Test func ctrlBackslashQuitsCleanly() async throws {
        try await Self.withHome { home in
            let session = try Self.startLeora(home: home, server: Self.noPortal, width: 100, height: 30)
            defer { session.kill() }
            try await session.waitForText("Leora — log in", timeout: .seconds(30))
            try session.sendKeys("C-\\")
            let screen = try await session.waitForText("leora exited with ", timeout: .seconds(10))
            #expect(screen.contains { $0.contains("leora exited with 0") }, "\(screen)")
            #expect(!screen.joined().contains("Press space"), "\(screen)")
            try await Self.expectTerminalRestored(session)
        }
    }

    @Test func aSignalThatEndsTheProcessRestoresTheTerminalFirst() async throws {
        try await Self.withHome { home in
            let session = try Self.startLeora(home: home, server: Self.noPortal, width: 100, height: 30, arguments: ["--mouse"])
            defer { session.kill() }
            try await session.waitForText("Leora — log in", timeout: .seconds(30))
            #expect(try session.format("#{alternate_on} #{mouse_any_flag}") == "1 1")
            let leora = try #require(try Self.leoraProcessID(session))
            kill(leora, SIGUSR1)
            let screen = try await session.waitForText("leora exited with ", timeout: .seconds(10))
            #expect(screen.contains { $0.contains("leora exited with 138") }, "died of SIGUSR1 as before: \(screen)")
            try await Self.expectTerminalRestored(session)
        }
    }

    /// Normal screen, cursor shown, no mouse reporting; typing echoes (cooked mode, the shell is
    /// asleep) and a paste arrives without bracketed-paste markers.
    static func expectTerminalRestored(_ session: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let modes = try session.format("#{alternate_on} #{cursor_flag} #{mouse_any_flag}")
        #expect(modes == "0 1 0", "alternate screen, cursor, mouse: \(modes)", sourceLocation: sourceLocation)
        try session.type("typed-after-exit")
        try await session.waitForText("typed-after-exit", timeout: .seconds(5))
        try session.paste("pasted-after-exit")
        let screen = try await session.waitForText("pasted-after-exit", timeout: .seconds(5))
        #expect(!screen.joined().contains("[200~"), "bracketed paste is off: \(screen)", sourceLocation: sourceLocation)
    }

    /// `leora`'s process: the child of the pane's shell (`env` runs it in its own place, and it runs
    /// itself again in its own place too).
    static func leoraProcessID(_ session: TmuxSession) throws -> pid_t? {
        guard let shell = try session.paneProcessID() else { return nil }
        let entries = try FileManager.default.contentsOfDirectory(atPath: "/proc")
        for entry in entries {
            guard let pid = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8) else { continue }
            // "pid (comm) state ppid …": the command name may hold spaces, so read after its ')'.
            guard let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, pid_t(fields[1]) == shell, stat.contains("(leora)") { return pid }
        }
        return nil
    }
}

extension EndToEndTests {
    /// Ctrl-Z in an interactive shell gives it the terminal back (normal screen, cursor, no mouse);
    /// `fg` brings the UI back with bracketed paste on again, although the shell turned it off to run
    /// `fg`: a paste into the login form is text (its line break does not submit, its `q` is typed).
    @Test func ctrlZGivesTheShellTheTerminalAndFgTakesItBackWithPastesAsText() async throws {
        try await Self.withHome { home in
            let binary = Self.leoraBinary.path
            let session = try TmuxSession(
                command: "env PS1='shell$ ' bash --norc --noprofile -i", width: 100, height: 30,
                environment: [
                    "XDG_STATE_HOME": home.appendingPathComponent("state").path, "XDG_CACHE_HOME": home.appendingPathComponent("cache").path,
                    "XDG_CONFIG_HOME": home.appendingPathComponent("config").path, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
                ])
            defer { session.kill() }
            try await session.waitForText("shell$", timeout: .seconds(10))
            try session.type("env -u SWIFT_BACKTRACE '\(binary)' --server \(Self.noPortal) --user rep@northwind.test --mouse")
            try session.sendKeys("Enter")
            try await session.waitForText("Leora — log in", timeout: .seconds(30))

            try session.sendKeys("C-z")
            try await session.waitForText("Stopped", timeout: .seconds(10))
            #expect(try session.format("#{alternate_on} #{cursor_flag} #{mouse_any_flag}") == "0 1 0")

            try session.type("fg")
            try session.sendKeys("Enter")
            try await session.waitForScreen(describedAs: "the UI again", timeout: .seconds(10)) { screen in
                (try? session.format("#{alternate_on} #{mouse_any_flag}")) == "1 1" && screen.contains { $0.contains("Leora — log in") }
            }
            try session.sendKeys("Up")
            try session.sendKeys("C-u")
            try session.paste("pasted@example.test\nq")
            try await session.waitForText("Email     pasted@example.testq", timeout: .seconds(10))
            try session.sendKeys("C-c")
            try await session.waitForScreen(describedAs: "the shell again", timeout: .seconds(10)) { _ in
                (try? session.format("#{alternate_on}")) == "0"
            }
        }
    }
}
