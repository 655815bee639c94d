import Foundation
import LeoraApp
import PortalTestSupport
import TerminalUI
import Testing

/// Every key of every binding, read from the keymaps when the test runs, pressed in the real `leora`
/// against the demo portal in a real terminal, in each of the pane's main states (`PaneState.all`):
/// leora lives and the screen shows the key's effect, or the open prompt or dialog takes or refuses
/// it, or the state declares why its effect cannot show. One `leora` per state (the session is kept,
/// so only the first logs in), many keys each; a key that leaves the state is followed by the way
/// back. A binding added to a keymap is pressed without touching this test.
///
/// The demo rep drives every pane but Webhooks, which only the admin sees; each presses the keys
/// their role sees.
///
/// `LEORA_KEYS_PANES=Orders,Cart` runs only those panes; `LEORA_KEYS_TRACE=1` prints what every key
/// did and how long it took (printed anyway for a state with a failure).
@Suite struct EveryBindingEndToEndTests {
    static let width = 80
    static let height = 24
    /// A crash's backtrace goes to standard error (the file `startLeora` is given), not over the pane.
    static let crashReports = ["SWIFT_BACKTRACE": "interactive=no"]

    @Test(arguments: AppTab.allCases)
    func everyKeyOfThePaneShowsItsEffectOrItsRefusal(_ tab: AppTab) async throws {
        if let only = ProcessInfo.processInfo.environment["LEORA_KEYS_PANES"], !only.contains(tab.title) { return }
        let started = ContinuousClock.now
        let user = DemoUser.driving(tab)
        try await Self.withDemoPortal(as: user) { portal, data, home in
            if tab == .briefing {
                let session = try EndToEndTests.startLeora(
                    home: home, server: portal.baseURL, width: Self.width, height: Self.height, user: user.email)
                defer { session.kill() }
                try await Self.pressTheLoginKeys(LeoraTerminal(session: session))
            }
            let states = PaneState.all(tab)
            var dialogsSeen: Set<String> = []
            for (index, state) in states.enumerated() {
                let begun = ContinuousClock.now
                let errors = home.appendingPathComponent("leora-stderr-\(index).log")
                let session = try EndToEndTests.startLeora(
                    home: home, server: portal.baseURL, width: Self.width, height: Self.height, environment: Self.crashReports, user: user.email,
                    errors: errors)
                defer { session.kill() }
                let terminal = LeoraTerminal(session: session)
                try await Self.logIn(terminal)
                var exercise = StateExercise(state, terminal: terminal, data: data)
                do {
                    try await exercise.run()
                } catch is StateExercise.Stopped {}
                dialogsSeen.formUnion(exercise.dialogSections)
                print("every binding: \(exercise.summary), in \(Self.seconds(ContinuousClock.now - begun))")
                if exercise.failures > 0 || ProcessInfo.processInfo.environment["LEORA_KEYS_TRACE"] != nil {
                    print(exercise.trace.map { "  " + $0 }.joined(separator: "\n"))
                }
                if exercise.failures > 0, let text = try? String(contentsOf: errors, encoding: .utf8), !text.isEmpty {
                    print("leora's standard error:\n" + text.components(separatedBy: "\n").prefix(40).joined(separator: "\n"))
                }
            }
            // A dialog keymap no state opened would have gone unpressed: say so.
            let unopened = Set(StateExercise.dialogKeymaps(tab, for: user).map(\.section)).subtracting(dialogsSeen)
            #expect(unopened.isEmpty, "\(tab.title): no state opens the dialog(s) \(unopened.sorted()): add one to PaneState.all")
        }
        print("every binding: \(tab.title) took \(Self.seconds(ContinuousClock.now - started))")
    }

    /// The login screen's own keys, before logging in: each moves the focus or submits; Esc quits.
    static func pressTheLoginKeys(_ terminal: LeoraTerminal) async throws {
        try await terminal.waitFor("the login screen", timeout: .seconds(30)) { $0.contains("Leora — log in") }
        for key in StateExercise.unique(LoginScreen.keymap.bindings) {
            let before = try await terminal.settle()
            try terminal.press(key.key)
            let after = try await terminal.waitForChange(from: before, timeout: StateExercise.effectTimeout)
            #expect(after != nil, "login: \(key) showed nothing; the screen:\n\(before.text)")
            if key.quits {
                let status = try await terminal.waitFor("leora to exit") { $0.exitStatus != nil }.exitStatus
                #expect(status == 0, "login: \(key) quit with status \(status ?? -1)")
                return
            }
        }
        Issue.record("the login keymap has no key that quits: Esc should")
    }

    /// Logs in as the demo admin if the login screen shows (the session is kept for the next leora),
    /// then waits for the main screen.
    static func logIn(_ terminal: LeoraTerminal) async throws {
        let first = try await terminal.waitFor("the login or main screen", timeout: .seconds(30)) { screen in
            screen.contains("Leora — log in") || screen.activeTab != nil || screen.exitStatus != nil
        }
        if first.exitStatus != nil {
            throw LeoraTerminal.Failure(description: "leora exited before logging in:\n\(first.text)")
        }
        if first.contains("Leora — log in") {
            try terminal.type(TestServer.password)
            try terminal.press(.enter)
        }
        try await terminal.waitFor("the main screen", timeout: .seconds(60)) { $0.activeTab != nil }
    }

    /// The demo portal (loopback webhooks allowed, no delivery worker; `arguments` added) and a home
    /// for leora's files.
    static func withDemoPortal(
        _ extraArguments: [String] = [], as user: DemoUser, _ body: (PortalProcess, DemoPortalData, _ home: URL) async throws -> Void
    ) async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("leora-keys-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let database = home.appendingPathComponent("portal.sqlite").path
        let arguments = ["--seed", "demo", "--bcrypt-cost", "4", "--database", database, "--allow-private-webhooks", "--no-webhook-scheduler"]
        try await PortalProcess.with(arguments + extraArguments) { portal in
            try await body(portal, try await DemoPortalData.logIn(portal, as: user), home)
        }
    }

    static func seconds(_ duration: Duration) -> String {
        String(format: "%.1f s", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }
}
