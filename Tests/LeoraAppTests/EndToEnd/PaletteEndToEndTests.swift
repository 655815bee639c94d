import Foundation
@testable import LeoraApp
import PortalTestSupport
import TerminalUI
import Testing

/// Every command of the `:` line, read from `CommandPalette.commands` when the test runs, typed in
/// the real `leora` against the demo portal: each shows what it says. A command added to the
/// palette without an example here fails the test, so none goes untried.
@Suite struct PaletteEndToEndTests {
    /// What a command is typed with and what the screen shows after it.
    struct Example: Sendable {
        var argument: String?
        var shows: String
        var check: @Sendable (_ before: TerminalSnapshot, _ after: TerminalSnapshot) -> Bool
    }

    static func example(_ command: String) -> Example? {
        func tab(_ tab: AppTab, also: @escaping @Sendable (TerminalSnapshot) -> Bool = { _ in true }) -> Example {
            Example(argument: nil, shows: "the \(tab.title) pane") { _, after in after.activeTab == tab && also(after) }
        }
        switch command {
        case "briefing": return tab(.briefing) { $0.contains("Summary") }
        case "orders":
            var example = tab(.orders) { $0.contains("Showing pending") && $0.rows.contains { $0.hasPrefix(" NW-") && $0.contains("pending") } }
            example.argument = "pending"
            example.shows = "the pending orders"
            return example
        case "products":
            var example = tab(.products) { $0.contains("rioja") && $0.contains("Rioja") }
            example.argument = "rioja"
            example.shows = "the products matching rioja"
            return example
        case "customers":
            var example = tab(.customers) { $0.contains("Zürich Weinstube") }
            example.argument = "Zürich"
            example.shows = "the customer Zürich Weinstube"
            return example
        case "cart": return tab(.cart)
        case "health": return tab(.health) { $0.contains("Database") }
        case "webhooks": return tab(.webhooks)
        case "theme":
            // Another theme draws the same text in other colours.
            return Example(argument: "light", shows: "the light theme's colours") { before, after in
                after.rows == before.rows && after.styledRows != before.styledRows
            }
        case "profile":
            // A second profile (declared by the test for the same portal) with no session: its login.
            return Example(argument: "spare", shows: "the spare profile's login") { _, after in after.contains("Leora — log in · spare") }
        case "refresh":
            return Example(argument: nil, shows: "the same pane, fetched again") { before, after in after.activeTab == before.activeTab }
        case "help": return Example(argument: nil, shows: "the help") { _, after in after.showsHelp }
        case "logout": return Example(argument: nil, shows: "the login screen") { _, after in after.contains("Leora — log in") }
        case "quit": return Example(argument: nil, shows: "leora exited with 0") { _, after in after.exitStatus == 0 }
        default: return nil
        }
    }

    @Test func everyCommandShowsWhatItSays() async throws {
        let names = CommandPalette.commands.map(\.name)
        let missing = names.filter { Self.example($0) == nil }
        #expect(missing.isEmpty, "palette commands without an example here: \(missing)")
        // Leaving the session last: logout, then quit.
        let ordered = names.filter { $0 != "logout" && $0 != "quit" } + names.filter { $0 == "logout" || $0 == "quit" }
        try await EveryBindingEndToEndTests.withDemoPortal(as: .rep) { portal, _, home in
            let config = home.appendingPathComponent("config/leora")
            try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
            try "profiles:\n  spare: {server: \"\(portal.baseURL)\"}\n".write(to: config.appendingPathComponent("profiles.yaml"), atomically: true, encoding: .utf8)
            for name in ordered {
                guard let example = Self.example(name) else { continue }
                let session = try EndToEndTests.startLeora(
                    home: home, server: portal.baseURL, width: 120, height: 35, user: DemoUser.rep.email)
                defer { session.kill() }
                let terminal = LeoraTerminal(session: session)
                try await EveryBindingEndToEndTests.logIn(terminal)
                let before = try await terminal.settle(quiet: .milliseconds(500))
                try terminal.press(.character(":"))
                try await terminal.waitFor("the command line") { $0.showsCommandLine }
                try terminal.type(name + (example.argument.map { " " + $0 } ?? ""))
                try terminal.press(.enter)
                do {
                    _ = try await terminal.waitFor(":\(name) to show \(example.shows)", timeout: .seconds(30)) { example.check(before, $0) }
                } catch {
                    Issue.record(":\(name) did not show \(example.shows): \(error)")
                }
            }
        }
    }
}
