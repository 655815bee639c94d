import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A command running in a detached tmux session on a private tmux server (its own socket and
/// an empty config), for end-to-end tests that read the screen as a person does: start at a
/// fixed size, type, capture the pane, resize, and kill everything at the end.
///
/// The pane stays readable after the command exits (`remain-on-exit`, with no "Pane is dead"
/// line, whose line feed would scroll the top row away), so a test can check what the command
/// left behind; the status line is off, so the pane is the full size.
public final class TmuxSession: Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case tmuxFailed(arguments: [String], status: Int32, output: String)
        case timedOut(waitingFor: String, screen: [String])

        public var description: String {
            switch self {
            case .tmuxFailed(let arguments, let status, let output):
                "tmux \(arguments.joined(separator: " ")) exited with \(status): \(output)"
            case .timedOut(let text, let screen):
                "timed out waiting for \"\(text)\"; the screen was:\n" + screen.joined(separator: "\n")
            }
        }
    }

    public let name: String
    /// The private server's socket (`tmux -S`), removed by `kill()`.
    public let socket: URL
    public let width: Int
    public let height: Int
    private let configuration: URL

    /// Starts `command` (run by `sh -c`) in a `width`×`height` pane, with `environment` added.
    public init(command: String, width: Int = 80, height: Int = 24, environment: [String: String] = [:]) throws {
        let identifier = UUID().uuidString.prefix(8).lowercased()
        name = "leora-\(identifier)"
        socket = FileManager.default.temporaryDirectory.appendingPathComponent("leora-tmux-\(identifier).sock")
        self.width = width
        self.height = height
        configuration = FileManager.default.temporaryDirectory.appendingPathComponent("leora-tmux-\(identifier).conf")
        let settings = """
            set -g remain-on-exit on
            set -g remain-on-exit-format ""
            set -g status off
            set -g default-terminal tmux-256color
            set -g history-limit 0
            set -g set-clipboard on
            """
        try settings.write(to: configuration, atomically: true, encoding: .utf8)
        var arguments = ["new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-s", name]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) {
            arguments += ["-e", "\(key)=\(value)"]
        }
        arguments.append(command)
        try tmux(arguments)
    }

    deinit { kill() }

    /// Presses keys by tmux name: `"q"`, `"Enter"`, `"Escape"`, `"C-c"`, `"Down"`, `"PageDown"`.
    public func sendKeys(_ keys: String...) throws {
        try sendKeys(keys)
    }

    /// Presses several keys by tmux name, in order, in one tmux call.
    public func sendKeys(_ keys: [String]) throws {
        try tmux(["send-keys", "-t", name] + keys)
    }

    /// Types `text` literally.
    public func type(_ text: String) throws {
        try tmux(["send-keys", "-t", name, "-l", text])
    }

    /// Pastes `text` as a terminal does: wrapped in bracketed-paste markers when the program asked
    /// for them (`ESC [?2004h`), as plain input otherwise; line feeds become carriage returns.
    public func paste(_ text: String) throws {
        try tmux(["set-buffer", "-b", "leora-paste", "--", text])
        try tmux(["paste-buffer", "-p", "-d", "-b", "leora-paste", "-t", name])
    }

    /// The process id of the pane's command (the shell that runs the program under test).
    public func paneProcessID() throws -> pid_t? { pid_t(try format("#{pane_pid}")) }

    /// The visible screen, one string per row, trailing spaces trimmed (tmux's plain capture).
    public func capture() throws -> [String] {
        let output = try tmux(["capture-pane", "-p", "-t", name])
        var lines = output.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The screen once some row contains `text`; throws with the last screen after `timeout`.
    @discardableResult
    public func waitForText(_ text: String, timeout: Duration = .seconds(30)) async throws -> [String] {
        try await waitForScreen(describedAs: text, timeout: timeout) { $0.contains { $0.contains(text) } }
    }

    /// The screen once `condition` holds for it; throws with the last screen after `timeout`.
    @discardableResult
    public func waitForScreen(
        describedAs description: String, timeout: Duration = .seconds(30), until condition: ([String]) -> Bool
    ) async throws -> [String] {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        var screen = try await offPool { try self.capture() }
        while !condition(screen) {
            guard ContinuousClock.now < deadline else { throw Failure.timedOut(waitingFor: description, screen: screen) }
            try await Task.sleep(for: .milliseconds(50))
            screen = try await offPool { try self.capture() }
        }
        return screen
    }

    /// The pane's rows with their colours and attributes as SGR escape sequences (`capture-pane -e`).
    public func captureWithEscapes() throws -> [String] {
        try tmux(["capture-pane", "-p", "-e", "-t", name]).components(separatedBy: "\n")
    }

    /// The rows with their SGR codes (as `captureWithEscapes`) and, in the same tmux call, where the
    /// cursor is: `"1 12 3"` (shown, column, row) or `"0 …"` when hidden. One call instead of two,
    /// for tests that compare the whole terminal after every key.
    public func captureWithCursor() throws -> (rows: [String], cursor: String) {
        let output = try tmux([
            "capture-pane", "-p", "-e", "-t", name, ";", "display-message", "-p", "-t", name, "#{cursor_flag} #{cursor_x} #{cursor_y}",
        ])
        var lines = output.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        let cursor = lines.popLast() ?? ""
        return (lines, cursor)
    }

    /// What the command last put on the clipboard with OSC 52 (tmux keeps it as its newest
    /// paste buffer); throws when there is none.
    public func clipboard() throws -> String {
        try tmux(["show-buffer"])
    }

    /// Resizes the window (the command gets SIGWINCH).
    public func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// A tmux format expanded for the pane: `"#{cursor_flag}"` (cursor shown), `"#{alternate_on}"`,
    /// `"#{mouse_any_flag}"`, `"#{pane_width}x#{pane_height}"`.
    public func format(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", name, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The command's exit status (128 + n when signal n killed it) once it has exited; nil while it
    /// runs. tmux 3.3 was seen, in full-suite runs, to leave the pane's process a zombie it never
    /// reaped (so never marked the pane dead): the kernel still holds that zombie's wait status.
    public func exitStatus() throws -> Int32? {
        let format = "#{pane_dead}:#{pane_dead_status}:#{pane_dead_signal}:#{pane_pid}"
        let fields = try self.format(format).split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 4 else { return nil }
        if fields[0] == "1" {
            if let status = Int32(fields[1]) { return status }
            if let signal = Int32(fields[2]) { return 128 + signal }
        }
        return Int32(fields[3]).flatMap(Self.zombieStatus)
    }

    /// The exit status of `pid` when it is a zombie, from `/proc/PID/stat` (its 52nd field is the
    /// wait status); nil while it runs or once it is gone.
    public static func zombieStatus(_ pid: Int32) -> Int32? {
        let descriptor = open("/proc/\(pid)/stat", O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = read(descriptor, &bytes, bytes.count)
        // After the name (which may hold anything, a parenthesis too): field 3, the state, onwards.
        guard count > 0, let nameEnd = bytes[..<count].lastIndex(of: UInt8(ascii: ")")) else { return nil }
        let fields = String(decoding: bytes[(nameEnd + 1)..<count], as: UTF8.self).split(whereSeparator: \.isWhitespace)
        guard fields.count > 49, fields[0] == "Z", let status = Int32(fields[49]) else { return nil }
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    /// Waits until the command exits and returns its status; throws with the screen after `timeout`.
    @discardableResult
    public func waitForExit(timeout: Duration = .seconds(10)) async throws -> Int32 {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while true {
            if let status = try await offPool({ try self.exitStatus() }) { return status }
            guard ContinuousClock.now < deadline else { throw Failure.timedOut(waitingFor: "exit", screen: try capture()) }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Runs `body`, tmux commands that block while tmux answers, on a thread of its own: waits that
    /// poll the screen must leave the cooperative pool (as many threads as cores) to the other tests.
    public func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await onOwnThread { Result { try body() } }.get()
    }

    /// Stops the private tmux server and everything in it.
    public func kill() {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(at: configuration)
        try? FileManager.default.removeItem(at: socket)
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let (status, output) = try Self.run(["tmux", "-u", "-S", socket.path, "-f", configuration.path] + arguments)
        guard status == 0 else { throw Failure.tmuxFailed(arguments: arguments, status: status, output: output) }
        return output
    }

    /// Runs a program found on PATH and returns its exit status and output (stdout and
    /// stderr). Not `Foundation.Process`: its child inherits the calling thread's signal mask,
    /// and test threads block most signals, which leaves a tmux server deaf to SIGCHLD (dead
    /// panes never noticed) and SIGTERM. Output goes to a file, because the server tmux forks
    /// would keep a pipe open.
    private static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("leora-tmux-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: outputFile) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        var defaultSignals = sigset_t()
        sigfillset(&defaultSignals)
        sigdelset(&defaultSignals, SIGKILL)
        sigdelset(&defaultSignals, SIGSTOP)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        actions.closeDescriptorsAboveStandardError()

        // `swift test` sets NO_COLOR for its own output; the terminal under test is a colour terminal
        // unless a test says otherwise.
        let environment = ProcessInfo.processInfo.environment.filter { $0.key != "NO_COLOR" }.map { "\($0.key)=\($0.value)" }
        let cArguments = arguments.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup($0) } + [nil]
        defer { (cArguments + cEnvironment).forEach { free($0) } }

        var pid = pid_t()
        let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, cArguments, cEnvironment)
        guard spawned == 0 else { throw Failure.tmuxFailed(arguments: arguments, status: -spawned, output: "cannot start") }
        guard let status = waitForExit(of: pid, deadline: ContinuousClock.now.advanced(by: commandTimeout)) else {
            Glibc.kill(pid, SIGKILL)
            var reaped: Int32 = 0
            while waitpid(pid, &reaped, 0) < 0 && errno == EINTR {}
            throw Failure.tmuxFailed(arguments: arguments, status: -1, output: "no answer within \(commandTimeout)")
        }
        let output = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
        let exited = status & 0x7F == 0
        return (exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F), output)
    }

    /// How long one tmux command may take before it is killed: a tmux client that never
    /// answers must fail its test, not hold a thread of the test process forever.
    private static let commandTimeout = Duration.seconds(20)

    /// The wait status of `pid` once it exits, or nil at `deadline`. Polls with `WNOHANG`
    /// in short sleeps, because a blocking `waitpid` cannot be given a deadline.
    private static func waitForExit(of pid: pid_t, deadline: ContinuousClock.Instant) -> Int32? {
        var status: Int32 = 0
        var pause: UInt32 = 200
        while ContinuousClock.now < deadline {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return status }
            if result < 0 && errno != EINTR { return status }
            usleep(pause)
            pause = min(pause * 2, 10_000)
        }
        return nil
    }
}
