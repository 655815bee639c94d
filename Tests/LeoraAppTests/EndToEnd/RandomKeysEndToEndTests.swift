import Foundation
import LeoraApp
import PortalTestSupport
import TerminalUI
import Testing

/// Random keys, with resizes among them, against the real portal in a real terminal: leora never
/// crashes and still answers at the end. The keys come from every keymap, plus arbitrary characters
/// and escape sequences; every so often the run moves to the next pane, so every pane gets its
/// share. Quitting (`q`, Esc on the login screen, Ctrl-C, `:quit`) starts leora again, a logout logs
/// in again. A failure prints the seed and the last 50 keys.
///
/// `make test` runs a few hundred keys with a fixed seed; `make soak` runs `SOAK_KEYS` (at least
/// 20,000) with `SOAK_SEED` (random unless given).
@Suite struct RandomKeysEndToEndTests {
    static let defaultKeyCount = 400
    static let defaultSeed: UInt64 = 20_240_610
    static let sizes = [(80, 24), (120, 35), (60, 20), (200, 50), (100, 30), (50, 12)]
    /// Keys pressed on one pane before the run moves to the next.
    static let keysPerPane = 60

    /// One thing the run does to the terminal.
    enum Input: CustomStringConvertible {
        case key(Key)
        /// Text sent as it is (characters tmux has no key name for, raw escape sequences).
        case text(String)
        case resize(width: Int, height: Int)
        /// A breath, so the portal's answers land between keys as well as after them.
        case pause(milliseconds: Int)

        var description: String {
            switch self {
            case .key(let key): TmuxKeyName.of(key) ?? KeyName.of(key)
            case .text(let text): "text \"" + text.unicodeScalars.map { $0.escaped(asASCII: true) }.joined() + "\""
            case .resize(let width, let height): "resize \(width)×\(height)"
            case .pause(let milliseconds): "pause \(milliseconds) ms"
            }
        }
    }

    /// Keys a terminal turns into something other than input, left out: Ctrl-S and Ctrl-Q (flow
    /// control would freeze the output), Ctrl-Z (suspends leora, with no shell to resume it) and
    /// Ctrl-\ (SIGQUIT, a core dump by design).
    static let terminalControlKeys: Set<Key> = [.control("s"), .control("q"), .control("z"), .control("\\")]

    /// Every key the keymaps bind, then the keys a keyboard has besides, then arbitrary characters.
    static let keymapKeys: [Key] = Array(Set(AppKeymap.all.bindings.flatMap(\.keys))).filter { TmuxKeyName.of($0) != nil }.sorted { "\($0)" < "\($1)" }
    static let otherKeys: [Key] =
        [.up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .escape, .backspace, .tab, .backTab, .delete]
        + (1...12).map { Key.function($0) }
        + "abcdefghijklmnoprtuvwxy".map { Key.control($0) }.filter { !terminalControlKeys.contains($0) }
    static let characters: [Key] = (32...126).compactMap { UnicodeScalar($0).map { Key.character(Character($0)) } }
    static let texts: [String] = [
        "é", "字", "🍷", "ß", "e\u{301}", "\u{200b}", "\u{202e}", "日本語", "Zürich", "123456", "99999",
        "\u{1b}[", "\u{1b}O", "\u{1b}[1;5A", "\u{1b}[200~pasted\u{1b}[201~", "\u{1b}[<0;10;5M", "\u{1b}[M !!", "\u{1b}\u{1b}", "\u{1b}[99~", "\u{7f}\u{7f}",
    ]

    /// SplitMix64: the same inputs for the same seed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func input(_ random: inout Generator) -> Input {
        switch Int.random(in: 0..<100, using: &random) {
        case 0..<55: return .key(keymapKeys.randomElement(using: &random) ?? .escape)
        case 55..<70: return .key(otherKeys.randomElement(using: &random) ?? .escape)
        case 70..<88: return .key(characters.randomElement(using: &random) ?? .escape)
        case 88..<94: return .text(texts.randomElement(using: &random) ?? "")
        case 94..<97:
            let size = sizes.randomElement(using: &random) ?? (80, 24)
            return .resize(width: size.0, height: size.1)
        default: return .pause(milliseconds: Int.random(in: 20...300, using: &random))
        }
    }

    /// Half the keys as the rep (whose briefing has links and customers), half as the admin (who
    /// has Webhooks), side by side, each on a portal of its own.
    @Test(arguments: [DemoUser.rep, DemoUser.admin])
    func randomKeysAndResizesOnEveryPaneNeverCrashLeora(as user: DemoUser) async throws {
        let environment = ProcessInfo.processInfo.environment
        let total = environment["SOAK_KEYS"].flatMap { Int($0) } ?? Self.defaultKeyCount
        let count = (total + 1) / 2
        let seed = environment["SOAK_SEED"].flatMap { UInt64($0) } ?? Self.defaultSeed
        print("random keys: \(count) keys as \(user.email) with seed \(seed) (again: SOAK_SEED=\(seed) SOAK_KEYS=\(total) make soak)")
        let started = ContinuousClock.now
        // Keys typed at the login screen (after a `:logout`) must not lock the account out.
        try await EveryBindingEndToEndTests.withDemoPortal(["--dev", "--login-max-failures", "1000000"], as: user) { portal, _, home in
            var run = RandomRun(seed: seed, user: user, home: home, server: portal.baseURL)
            defer { run.terminal?.session.kill() }
            do {
                try await run.start()
                var random = Generator(state: seed)
                let panes = AppTab.visible(to: user.permissions)
                for index in 0..<count {
                    if index % Self.keysPerPane == 0 { try await run.show(panes[(index / Self.keysPerPane) % panes.count]) }
                    try await run.perform(Self.input(&random))
                    if index % 10 == 9 { try await run.check() }
                }
                try await run.check()
                try await run.answersAtTheEnd()
                print(
                    "random keys: \(count) keys as \(user.email), \(run.restarts) restarts after a quit, \(run.logins) logins, "
                        + "in \(EveryBindingEndToEndTests.seconds(ContinuousClock.now - started))")
            } catch let failure as RandomRun.Failed {
                Issue.record(Comment(rawValue: failure.description))
                print(failure.description)
            }
        }
    }
}

/// One random run's leora: started again after a quit, logged in again after a logout; the last
/// 50 inputs kept for the failure message.
struct RandomRun {
    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    let seed: UInt64
    let user: DemoUser
    let home: URL
    let server: String
    private(set) var terminal: LeoraTerminal?
    private var size = (width: 80, height: 24)
    private var last: [String] = []
    private var performed = 0
    private(set) var restarts = 0
    private(set) var logins = 0
    private var starts = 0
    /// leora's standard error, for a crash's message.
    private var errorsFile: URL { home.appendingPathComponent("leora-stderr.log") }

    init(seed: UInt64, user: DemoUser, home: URL, server: String) {
        self.seed = seed
        self.user = user
        self.home = home
        self.server = server
    }

    /// A new leora at the current size (the session is kept unless the keys logged out).
    mutating func start() async throws {
        starts += 1
        terminal?.session.kill()
        let session = try EndToEndTests.startLeora(
            home: home, server: server, width: size.width, height: size.height, environment: EveryBindingEndToEndTests.crashReports, user: user.email,
            errors: errorsFile)
        let terminal = LeoraTerminal(session: session)
        self.terminal = terminal
        let screen = try await terminal.waitFor("the login or main screen", timeout: .seconds(30)) { screen in
            screen.contains("Leora — log in") || screen.activeTab != nil || screen.contains("Terminal too small") || screen.exitStatus != nil
        }
        if let status = screen.exitStatus { throw failure("leora exited with \(status) as it started", screen) }
        guard screen.contains("Leora — log in") else { return }
        logins += 1
        try terminal.type(TestServer.password)
        try terminal.press(.enter)
        let main = try await terminal.waitFor("the main screen after logging in", timeout: .seconds(60)) { screen in
            screen.activeTab != nil || screen.exitStatus != nil || screen.contains("Wrong email or password") || screen.contains("try again")
        }
        if main.activeTab == nil { throw failure("logging in again failed", main) }
    }

    mutating func perform(_ input: RandomKeysEndToEndTests.Input) async throws {
        guard let terminal else { return }
        performed += 1
        last.append("\(performed): \(input)")
        if last.count > 50 { last.removeFirst(last.count - 50) }
        switch input {
        case .key(let key): try terminal.press(key)
        case .text(let text): try terminal.type(text)
        case .resize(let width, let height):
            try terminal.session.resize(width: width, height: height)
            size = (width, height)
        case .pause(let milliseconds): try await Task.sleep(for: .milliseconds(milliseconds))
        }
    }

    /// Fails on a crash; starts leora again after a quit (status 0) and after a logout.
    ///
    /// A Ctrl-C that lands just as leora finishes quitting (its signal handlers already given back, all
    /// saved) ends it by SIGINT, and the shell around it too: the pane is then dead with status 130 and
    /// no "leora exited" line. That is a quit, not a crash, when a Ctrl-C was among the last inputs.
    mutating func check() async throws {
        guard let terminal else { return }
        let screen = try terminal.snapshot()
        if let status = try screen.exitStatus ?? terminal.session.exitStatus().map(Int.init) {
            let interrupted = status == 128 + Int(SIGINT) && last.suffix(10).contains { $0.hasSuffix(": C-c") }
            guard status == 0 || interrupted else { throw failure("leora exited with \(status)", screen) }
            restarts += 1
            try await start()
        } else if screen.contains("Leora — log in") {
            // A logout (`:logout`): typing at the login screen at random could lock the account out.
            try await start()
        }
    }

    /// Moves to `tab` as a person would: Esc out of whatever is open, then the tab's key. Fails if
    /// leora does not answer within 15 s.
    mutating func show(_ tab: AppTab) async throws {
        let tabKey = try StateContext.key("global." + tab.title.lowercased())
        for _ in 0..<3 {
            let started = starts
            for key in [Key.escape, .escape, tabKey] { try await perform(.key(key)) }
            try await check()
            // The keys went to a leora that had already quit: press them again in the new one.
            if starts != started { continue }
            guard let terminal else { return }
            guard size.width >= AppView.minimumWidth, size.height >= AppView.minimumHeight else { return }
            let screen: TerminalSnapshot
            do {
                screen = try await terminal.waitFor("the \(tab.title) pane", timeout: .seconds(15)) { screen in
                    screen.activeTab == tab || screen.exitStatus != nil || screen.contains("Leora — log in")
                }
            } catch {
                // Still there, only slow? Ask for the help, which any screen but the login answers.
                try terminal.press(try StateContext.key("global.help"))
                let help = try? await terminal.waitFor("the help", timeout: .seconds(5)) { $0.showsHelp }
                let command = (try? terminal.session.format("#{pane_current_command} #{pane_pid}")) ?? "?"
                throw failure(
                    "leora stopped answering: Esc, Esc and \(KeyName.of(tabKey)) did not show \(tab.title) within 15 s "
                        + "(then ? \(help == nil ? "did not open the help either" : "opened the help"); the pane runs \(command))",
                    try terminal.snapshot())
            }
            if screen.activeTab == tab { return }
            try await check()
        }
    }

    /// At the end, at 80×24: leora is up and opens its help. (A leora still quitting from the last
    /// keys may show its last frame a moment longer: then start it again and ask once more.)
    mutating func answersAtTheEnd() async throws {
        try await perform(.resize(width: 80, height: 24))
        for _ in 0..<3 {
            try await show(.briefing)
            guard let terminal else { return }
            try await perform(.key(try StateContext.key("global.help")))
            let screen = try? await terminal.waitFor("the help", timeout: .seconds(15)) { screen in
                screen.showsHelp || screen.exitStatus != nil || screen.contains("Leora — log in")
            }
            if screen?.showsHelp == true { return }
            try await check()
        }
        throw failure("leora did not open its help at the end", try terminal?.snapshot() ?? TerminalSnapshot(styledRows: [], cursor: ""))
    }

    private func failure(_ what: String, _ screen: TerminalSnapshot) -> Failed {
        let errors = ((try? String(contentsOf: errorsFile, encoding: .utf8)) ?? "").components(separatedBy: "\n").prefix(40).joined(separator: "\n")
        let logFile = home.appendingPathComponent("state/leora/leora.log")
        let log = ((try? String(contentsOf: logFile, encoding: .utf8)) ?? "").components(separatedBy: "\n").suffix(30)
        return Failed(
            description: "random keys as \(user.email): \(what), noticed after input \(performed) (seed \(seed): "
                + "SOAK_SEED=\(seed) SOAK_KEYS=\(2 * performed) make soak).\nThe last \(last.count) inputs:\n" + last.joined(separator: "\n")
                + "\nThe screen:\n" + screen.text + (errors.isEmpty ? "" : "\nleora's standard error:\n" + errors)
                + "\nThe end of leora's log:\n" + log.joined(separator: "\n"))
    }
}
