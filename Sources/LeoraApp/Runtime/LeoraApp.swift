import Foundation
import LeoraKit
import NcursesBackend
import TerminalUI

/// The terminal UI's entry point.
public enum LeoraApp {
    /// Why the terminal UI could not start, in words for the user.
    public struct StartFailure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Takes over the terminal and runs the app against `server` until the user quits. The terminal
    /// is restored on every way out. Call from the main thread; it blocks it for the whole session
    /// (effects run on other threads). `keys` rebinds keys by binding id (`config.yaml`); `warnings`
    /// are shown as toasts at start.
    @MainActor
    ///
    /// `profile` is the profile to start with; `:profile NAME` switches to another, resolved by the same
    /// rules, where `defaultServer` (`--server` when starting on the default profile) stays the default's.
    public static func run(
        profile: ResolvedProfile, defaultServer: String?, email: String?, theme: String?, mouse: Bool = false, keys: [String: [String]] = [:],
        warnings: [String] = []
    ) throws {
        do {
            try TerminalLocale.adoptUserLocale()
        } catch {
            throw StartFailure(description: error.description)
        }
        let trace = StartupTrace.shared
        trace.mark("locale")
        let environment = ProcessInfo.processInfo.environment
        let themes = ThemeFiles.standard(environment: environment)
        // Only the theme in use is read and parsed; the other files are listed for `:theme`.
        let catalog = themes.catalog(reading: theme)
        let selection = catalog.select(theme, environment: environment)
        trace.mark("theme")

        let firstFrame = FirstFrameGate()
        let opener = ProfileOpener(paths: LeoraPaths(environment: environment), defaultServer: defaultServer, firstFrame: firstFrame)
        let session = ProfileSession(profile, firstFrame: firstFrame)
        trace.mark("client, session store and cache set up (no request, curl not started)")

        let wakePipe: WakePipe
        let terminal: NcursesTerminal
        do {
            wakePipe = try WakePipe()
            let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
            let log = LeoraLogging.file(environment: environment).path
            terminal = try NcursesTerminal(
                configuration: TerminalConfiguration(
                    mouse: mouse, monochrome: noColor || selection.theme.name == "monochrome", standardErrorPath: log,
                    crashMessage: "\nleora crashed, sorry. The terminal is restored; what happened (a backtrace) is in \(log)\n"),
                theme: selection.theme, wakePipe: wakePipe)
        } catch {
            throw StartFailure(description: error.description)
        }
        trace.mark("terminal (ncurses) initialised")
        // After the terminal is given back (defers run last first): standard error is the log until then.
        defer { FrameTrace.shared.report() }
        defer { terminal.shutdown() }
        TestCrash.trapIfRequested(environment, terminal: terminal)

        let (overrides, problems) = KeyOverrides.parse(keys, known: Set(AppKeymap.all.bindings.map(\.id)))
        var notices = warnings + [selection.warning].compactMap { $0 }
        if !problems.isEmpty { notices.append("config.yaml keys: " + problems.joined(separator: "; ") + ".") }
        var initial: [AppAction] = [.started]
        if !notices.isEmpty { initial.append(.showToast(HintText(notices.joined(separator: " ")), .warning)) }
        var state = AppState(server: profile.server.absoluteString, email: email ?? profile.email, profile: profile.name.rawValue)
        state.themeNames = catalog.availableNames()
        state.profileNames = opener.names()
        state.keyOverrides = overrides
        let runtime = Runtime(terminal: terminal, state: state, profile: session, opener: opener, themes: themes, firstFrame: firstFrame)
        runtime.run(initialActions: initial)
        let (keeper, cart) = (runtime.currentProfile.keeper, runtime.currentProfile.dependencies.cart)
        // Quick cart presses still held (`CartQuantityHold`) reach the portal before the cache is written.
        Self.wait(upTo: .seconds(2)) {
            await cart.sendHeldChanges()
            await keeper.flush()
        }
    }

    /// Runs `work` on the cooperative pool and blocks the calling (main) thread until it ends or
    /// `limit` passes: the last cache write at exit, which must not hang a quitting app.
    static func wait(upTo limit: Duration, _ work: @escaping @Sendable () async -> Void) {
        let done = DispatchSemaphore(value: 0)
        Task {
            await work()
            done.signal()
        }
        _ = done.wait(timeout: .now() + .milliseconds(Int(limit.components.seconds * 1000)))
    }
}
