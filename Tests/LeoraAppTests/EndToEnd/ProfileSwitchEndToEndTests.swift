import Foundation
import LeoraKit
import PortalTestSupport
import TerminalUI
import Testing

/// `:profile NAME` in the real `leora`, in tmux, between two real portals: each profile shows its own
/// account's data, its own login, and switching back needs no new login.
@Suite struct ProfileSwitchEndToEndTests {
    /// The status bar (the last row) names the profile and the user.
    static func statusBar(_ screen: TerminalSnapshot) -> String { screen.rows.last ?? "" }
    static func tabBar(_ screen: TerminalSnapshot) -> String { screen.rows.first ?? "" }

    static func command(_ terminal: LeoraTerminal, _ line: String) async throws {
        try terminal.press(.character(":"))
        try await terminal.waitFor("the command line") { $0.showsCommandLine }
        try terminal.type(line)
        try terminal.press(.enter)
    }

    @Test func profileSwitchesToTheOtherPortalAndBack() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("leora-profiles-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        func portal(_ name: String) -> [String] {
            ["--seed", "demo", "--bcrypt-cost", "4", "--database", home.appendingPathComponent("\(name).sqlite").path, "--no-webhook-scheduler"]
        }
        try await PortalProcess.with(portal("north")) { (north: PortalProcess) async throws in
            // (north is stopped midway: the cache test below)
            try await PortalProcess.with(portal("south")) { (south: PortalProcess) async throws in
                let config = home.appendingPathComponent("config/leora")
                try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
                try """
                    profiles:
                      north: {server: "\(north.baseURL)", email: rep@northwind.test}
                      south: {server: "\(south.baseURL)", email: admin@northwind.test}
                    """.write(to: config.appendingPathComponent("profiles.yaml"), atomically: true, encoding: .utf8)

                // Started on north (its server given again with --server, which a declared profile allows).
                let session = try EndToEndTests.startLeora(
                    home: home, server: north.baseURL, width: 120, height: 35, arguments: ["--profile", "north"], user: "rep@northwind.test")
                defer { session.kill() }
                let terminal = LeoraTerminal(session: session)
                try await EveryBindingEndToEndTests.logIn(terminal)
                let onNorth = try await terminal.waitFor("north's rep and briefing", timeout: .seconds(30)) {
                    Self.statusBar($0).contains("⟨north⟩ rep@northwind") && $0.contains("Summary")
                }
                #expect(!Self.tabBar(onNorth).contains("Webhooks"), "the rep has no webhooks tab")

                // To south: no session there yet, so its login, for its account, at its server.
                try await Self.command(terminal, "profile south")
                let login = try await terminal.waitFor("south's login screen") { $0.contains("Leora — log in · south") }
                #expect(login.contains(south.baseURL))
                #expect(login.contains("admin@northwind.test"))
                try terminal.type(TestServer.password)
                try terminal.press(.enter)
                let onSouth = try await terminal.waitFor("south's admin in the status bar", timeout: .seconds(60)) {
                    Self.statusBar($0).contains("⟨south⟩ admin@northwind") && Self.tabBar($0).contains("Webhooks")
                }
                #expect(!Self.statusBar(onSouth).contains("rep@"))

                // Back to north, whose portal is gone meanwhile: its session is still there (no login) and
                // its persisted cache is drawn at once, offline; the rep's tabs again.
                await onOwnThread { north.stop() }
                try await Self.command(terminal, "profile north")
                let back = try await terminal.waitFor("north's cached briefing, offline", timeout: .seconds(30)) {
                    Self.statusBar($0).contains("⟨north⟩ rep@northwind") && $0.contains("Summary") && Self.statusBar($0).contains("offline")
                }
                #expect(!Self.tabBar(back).contains("Webhooks"))
                #expect(!back.contains("Leora — log in"))
                // And south again, still logged in there, and online.
                try await Self.command(terminal, "profile south")
                try await terminal.waitFor("south's admin again, without a login") {
                    Self.statusBar($0).contains("⟨south⟩ admin@northwind") && Self.tabBar($0).contains("Webhooks") && Self.statusBar($0).contains("online")
                }
                // An unknown profile is refused on the command line; the app stays where it is.
                try await Self.command(terminal, "profile nowhere")
                try await terminal.waitFor("the refusal") { $0.contains("No profile “nowhere”") }
                try terminal.press(.escape)

                // Each profile's files name its own server and user.
                let paths = LeoraPaths(environment: ["XDG_STATE_HOME": home.appendingPathComponent("state").path])
                let northSaved = try #require(try paths.profile(try ProfileName("north")).sessionFile.read())
                let southSaved = try #require(try paths.profile(try ProfileName("south")).sessionFile.read())
                #expect(northSaved.server == north.baseURL && northSaved.user.email == "rep@northwind.test")
                #expect(southSaved.server == south.baseURL && southSaved.user.email == "admin@northwind.test")
                #expect(!FileManager.default.fileExists(atPath: paths.profile(.standard).sessionFile.url.path))
            }
        }
    }
}
