import Foundation
import LeoraApp
import TerminalUI
import Testing

/// A key of a binding, as pressed in a state.
struct BoundKey: CustomStringConvertible {
    let binding: KeyBinding
    let key: Key

    var quits: Bool { binding.action == .quit }
    var description: String { "\(KeyName.of(key)) (\(binding.id))" }
}

/// Presses every key of one pane state in one running `leora` and checks what each one showed:
/// its effect, its refusal, or (declared in the state, with the reason) nothing visible. A key that
/// leaves the state is followed by the way back (the pane's tab, Esc, or opening the state again).
struct StateExercise {
    /// How long a key's effect may take to show. Generous: the wait ends when the effect shows, and at
    /// the whole suite's busiest start (two hundred portals seeding at once) the first keys of a state,
    /// before `slowest` has grown, took over 3 s to draw (stops 16 and 19).
    static let effectTimeout = Duration.seconds(10)
    /// How long to look for the effect of a key that may show none (one declared invisible, one typed
    /// into a prompt, or a first try before a nudge).
    static let glance = Duration.milliseconds(500)
    /// How long to look at what a key typed into a prompt did: taken or ignored, both fine, so a
    /// short look (what shows later is seen before the next key).
    static let promptGlance = Duration.milliseconds(250)
    /// How long a nudge (a key that moves the selection off an edge) may take to show.
    static let nudgeTimeout = Duration.seconds(1)
    /// The most any of those waits grows to on a loaded machine.
    static let longestWait = Duration.seconds(30)

    /// Stops the state's keys: leora exited or the state cannot be reached; the issue is recorded.
    struct Stopped: Error {}

    let state: PaneState
    let terminal: LeoraTerminal
    let context: StateContext
    /// Keys that changed the screen and left the state shown, latest last: pressed to move off an
    /// edge when a key shows nothing (`k` on the first row).
    private var nudges: [BoundKey] = []
    /// The longest a key's effect took to show so far: on a loaded machine every wait grows with it,
    /// so an effect that comes late is not taken for a key that shows nothing.
    private var slowest = Duration.zero
    private(set) var quit = false
    /// The sections of the dialog keymaps found open in this state.
    private(set) var dialogSections: Set<String> = []
    /// What each key did, for the test's log.
    private(set) var effects = 0, invisible = 0, refused = 0, afterNudge = 0, pressed = 0
    /// Each key and what it did, with the time it took: printed when the state has a failure.
    private(set) var trace: [String] = []
    private(set) var failures = 0
    private var clock = ContinuousClock.now

    init(_ state: PaneState, terminal: LeoraTerminal, data: DemoPortalData) {
        self.state = state
        self.terminal = terminal
        self.context = StateContext(terminal: terminal, data: data)
    }

    var summary: String {
        "\(state): \(pressed) keys — \(effects) showed their effect (\(afterNudge) after a nudge), "
            + "\(refused) typed into or refused by the open prompt or dialog, \(invisible) declared invisible" + (quit ? ", then quit" : "")
    }

    /// The keys of the state's bindings, each once (the first binding holding it wins, as in dispatch):
    /// the pane's keymap, then the global one; quitting last.
    static func keys(_ state: PaneState, for user: DemoUser) -> [BoundKey] {
        var bindings = AppKeymap.pane(state.tab).visible(to: user.permissions)
        if state.pressesGlobalKeys { bindings += AppKeymap.global.visible(to: user.permissions) }
        return unique(bindings)
    }

    static func unique(_ bindings: [KeyBinding]) -> [BoundKey] {
        var seen: Set<Key> = []
        var keys: [BoundKey] = []
        for binding in bindings {
            for key in binding.keys where TmuxKeyName.of(key) != nil && seen.insert(key).inserted {
                keys.append(BoundKey(binding: binding, key: key))
            }
        }
        return keys.filter { !$0.quits } + keys.filter(\.quits)
    }

    /// The bindings of the dialog on screen: of the pane's dialog keymaps (those `?` lists besides the
    /// pane's and the global keys), the one whose every hint is shown. Nil for a prompt or a modal
    /// without a keymap.
    static func dialogBindings(on snapshot: TerminalSnapshot, tab: AppTab, for user: DemoUser) -> [KeyBinding]? {
        let dialogs = Dictionary(grouping: dialogKeymaps(tab, for: user), by: \.section)
        let text = snapshot.text
        // Its hints: the bindings it shows (arrows that move a picker's selection are not among them).
        return dialogs.values.first { bindings in
            let hints = bindings.filter(\.inFooter)
            return !hints.isEmpty && hints.allSatisfy { text.contains($0.keyLabel + " " + $0.label) }
        }
    }

    /// The bindings of the pane's dialogs: those `?` lists besides the pane's and the global ones.
    static func dialogKeymaps(_ tab: AppTab, for user: DemoUser) -> [KeyBinding] {
        let ordinary = AppKeymap.pane(tab).bindings + AppKeymap.global.bindings
        return AppKeymap.help(tab).visible(to: user.permissions).filter { !ordinary.contains($0) }
    }

    mutating func run() async throws {
        try await reopen()
        switch state.kind {
        case .main:
            for key in Self.keys(state, for: context.data.user) where !quit { try await pressExpectingEffect(key) }
        case .modal:
            let dialog = Self.dialogBindings(on: try terminal.snapshot(), tab: state.tab, for: context.data.user)
            dialogSections.formUnion((dialog ?? []).map(\.section))
            let own = Self.unique(dialog ?? [])
            let others = Self.keys(state, for: context.data.user).filter { key in !own.contains { $0.key == key.key } }
            if let dialog, !state.typesText {
                try await pressRefusedTogether(others, dialog: dialog)
            } else {
                for key in others { try await pressIntoPrompt(key) }
            }
            for key in own {
                // On a fresh field: what the keys before typed (a quantity out of range) is gone.
                if state.typesText { try await reopen() }
                try await pressExpectingEffect(key)
            }
        }
    }

    // MARK: Main keys and a dialog's own keys: an effect, or declared invisible

    private func invisibleReason(_ key: BoundKey) -> String? {
        switch key.binding.id {
        case "global.refresh": "fetches the pane again: the same answer draws the same screen (the status bar's spinner aside)"
        case "global." + state.tab.title.lowercased(): "shows the pane already shown"
        default: state.invisible[key.binding.id]
        }
    }

    private func wait(_ least: Duration, times factor: Int) -> Duration { min(max(least, slowest * factor), Self.longestWait) }

    /// Waits for the screen to change after a key pressed at `pressed`, noting how long it took.
    private mutating func changed(from before: TerminalSnapshot, pressed: ContinuousClock.Instant, timeout: Duration) async throws -> Bool {
        guard try await terminal.waitForChange(from: before, timeout: timeout) != nil else { return false }
        slowest = max(slowest, ContinuousClock.now - pressed)
        return true
    }

    private mutating func pressExpectingEffect(_ key: BoundKey) async throws {
        try await ensureShown()
        pressed += 1
        let before = try terminal.snapshot()
        let pressed = ContinuousClock.now
        try terminal.press(key.key)
        let reason = invisibleReason(key)
        // With nudges at hand a first glance will do: the retry after a nudge waits the whole time.
        let firstWait = reason != nil || !nudges.isEmpty ? wait(Self.glance, times: 2) : wait(Self.effectTimeout, times: 4)
        if try await changed(from: before, pressed: pressed, timeout: firstWait) {
            try await noteEffect(of: key)
            return
        }
        if reason != nil {
            invisible += 1
            try checkAlive(try terminal.snapshot(), after: key)
            note(key, "nothing visible, as declared")
            return
        }
        // Nothing: perhaps the selection is at an edge (`k` on the first row). Move it and try again,
        // with a key of another binding (`g` cannot move the selection off the top for `Home`).
        var tried: Set<String> = [key.binding.id]
        for nudge in nudges.reversed() where tried.insert(nudge.binding.id).inserted && tried.count <= 5 {
            try await ensureShown()
            let start = try terminal.snapshot()
            let nudged = ContinuousClock.now
            try terminal.press(nudge.key)
            guard try await changed(from: start, pressed: nudged, timeout: wait(Self.nudgeTimeout, times: 2)) else { continue }
            let ready = try await terminal.settle()
            try checkAlive(ready, after: nudge)
            guard state.shows(ready) else { continue }
            let pressedAgain = ContinuousClock.now
            try terminal.press(key.key)
            if try await changed(from: ready, pressed: pressedAgain, timeout: wait(Self.effectTimeout, times: 4)) {
                afterNudge += 1
                try await noteEffect(of: key, after: nudge)
                return
            }
        }
        // Nothing after the nudges either: leora may have been held up meanwhile (at the suite's busiest start the
        // key and its nudge each had a second or two). Once more, settled, with the whole wait.
        try await ensureShown()
        let last = try terminal.snapshot()
        let pressedLast = ContinuousClock.now
        try terminal.press(key.key)
        if try await changed(from: last, pressed: pressedLast, timeout: wait(Self.effectTimeout, times: 4)) {
            try await noteEffect(of: key, after: nil)
            return
        }
        let screen = try terminal.snapshot()
        fail("\(state): \(key) showed neither an effect nor a refusal within \(wait(Self.effectTimeout, times: 4)); the screen:\n\(screen.text)")
    }

    private mutating func noteEffect(of key: BoundKey, after nudge: BoundKey? = nil) async throws {
        let settled = try await terminal.settle()
        if let status = settled.exitStatus, key.quits, state.kind == .main {
            #expect(status == 0, "\(state): \(key) quit with status \(status)")
            quit = true
            note(key, "quit")
            return
        }
        try checkAlive(settled, after: key)
        effects += 1
        let stays = state.shows(settled)
        if state.kind == .main, stays { nudges.append(key) }
        note(key, "effect" + (nudge.map { " after \($0)" } ?? "") + (stays ? "" : ", left the state"))
    }

    // MARK: Modal keys: typed into the prompt, or refused by the dialog

    /// Keys a prompt takes or ignores: anything but quitting or crashing.
    private mutating func pressIntoPrompt(_ key: BoundKey) async throws {
        try await ensureShown()
        pressed += 1
        let before = try terminal.snapshot()
        try terminal.press(key.key)
        if try await terminal.waitForChange(from: before, timeout: Self.promptGlance) != nil {
            let settled = try await terminal.settle()
            try checkAlive(settled, after: key)
            note(key, state.shows(settled) ? "taken" : "taken, closed it")
        } else {
            try checkAlive(try terminal.snapshot(), after: key)
            note(key, "ignored")
        }
        refused += 1
    }

    /// A dialog answers to its own keys only: the others, pressed together, change nothing (a toast's
    /// row and the status bar aside). If something changed, each is pressed alone to name it.
    private mutating func pressRefusedTogether(_ keys: [BoundKey], dialog: [KeyBinding]) async throws {
        try await ensureShown()
        pressed += keys.count
        let before = try await terminal.settle(quiet: .milliseconds(300))
        try terminal.press(keys.map(\.key))
        try await Task.sleep(for: Self.glance)
        let after = try await terminal.settle()
        try checkAlive(after, after: nil)
        if after.withoutToastOrStatusBar == before.withoutToastOrStatusBar {
            refused += keys.count
            note(nil, "\(keys.count) keys pressed together, all refused")
            return
        }
        let answers = Self.unique(dialog).map(\.description).joined(separator: ", ")
        for key in keys {
            try await ensureShown()
            let start = try await terminal.settle(quiet: .milliseconds(300))
            try terminal.press(key.key)
            try await Task.sleep(for: Self.glance)
            let now = try await terminal.settle()
            try checkAlive(now, after: key)
            if now.withoutToastOrStatusBar != start.withoutToastOrStatusBar {
                fail("\(state): \(key) acted, but the dialog answers only to \(answers); the screen:\n\(now.text)")
            } else {
                refused += 1
                note(key, "refused")
            }
        }
    }

    // MARK: The log, failures, and getting back to the state

    private mutating func note(_ key: BoundKey?, _ outcome: String) {
        let now = ContinuousClock.now
        trace.append("\(key.map(String.init(describing:)) ?? "—"): \(outcome) (\(EveryBindingEndToEndTests.seconds(now - clock)))")
        clock = now
    }

    private mutating func fail(_ message: String) {
        failures += 1
        trace.append("FAILED: " + (message.components(separatedBy: "\n").first ?? message))
        Issue.record(Comment(rawValue: message))
    }

    private mutating func checkAlive(_ snapshot: TerminalSnapshot, after key: BoundKey?) throws {
        guard let status = snapshot.exitStatus else { return }
        fail("\(state): leora exited with \(status) after \(key.map(String.init(describing:)) ?? "the keys above"); the screen:\n\(snapshot.text)")
        throw Stopped()
    }

    /// Back to the state if a key left it: the pane's tab when another pane shows, else Esc (help,
    /// the command line, a prompt, dialog or detail the key opened), else open it again.
    private mutating func ensureShown() async throws {
        var now = try await terminal.settle()
        try checkAlive(now, after: nil)
        if state.shows(now) { return }
        let otherPane = now.activeTab != nil && now.activeTab != state.tab && !now.showsHelp && !now.showsCommandLine
        try terminal.press(otherPane ? try StateContext.key("global." + state.tab.title.lowercased()) : .escape)
        now = try await terminal.settle()
        try checkAlive(now, after: nil)
        if state.shows(now) { return }
        try await reopen()
    }

    private mutating func reopen() async throws {
        try terminal.press([.escape, .escape, try StateContext.key("global." + state.tab.title.lowercased())])
        try checkAlive(try await terminal.settle(), after: nil)
        do {
            try await state.open(context)
            try await terminal.waitFor("\(state)", timeout: .seconds(20)) { state.shows($0) }
        } catch let failure as LeoraTerminal.Failure {
            fail("\(state): cannot be opened: \(failure)")
            throw Stopped()
        }
    }
}
