import Foundation
import PortalTestSupport
import TerminalUI
import Testing

/// The real `leora` binary in tmux against a real `leora-portal` with the demo data: a person's
/// first minute, read off the screen.
@Suite(.serialized) struct EndToEndTests {
    static var leoraBinary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("leora")
    }

    /// The real portal with the demo data and `leora` against it in a tmux pane of that size, with its
    /// own state, cache and config directories (`home`); everything is torn down afterwards. `prepare`
    /// gets the portal and its SQLite file before `leora` starts.
    static func withLeora(
        width: Int, height: Int, environment: [String: String] = [:], user: String = "rep@northwind.test",
        portalEnvironment: [String: String] = [:], prepare: (PortalProcess, _ databasePath: String) async throws -> Void = { _, _ in },
        _ body: (TmuxSession, PortalProcess, _ home: URL) async throws -> Void
    ) async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("leora-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let database = home.appendingPathComponent("portal.sqlite").path
        try await PortalProcess.with(["--seed", "demo", "--bcrypt-cost", "4", "--database", database], environment: portalEnvironment) {
            (portal: PortalProcess) async throws in
            try await prepare(portal, database)
            let session = try startLeora(home: home, server: portal.baseURL, width: width, height: height, environment: environment, user: user)
            defer { session.kill() }
            try await body(session, portal, home)
        }
    }

    /// `leora` against `server` with `home`'s state, cache and config; the pane says how it exited.
    /// `SWIFT_BACKTRACE` is unset, as on a person's machine; `environment` and `arguments` are added.
    /// With `errors`, its standard error goes to the end of that file (a crash's message and backtrace
    /// then stay readable instead of scrolling the pane).
    static func startLeora(
        home: URL, server: String, width: Int, height: Int, arguments: [String] = [], environment: [String: String] = [:],
        user: String = "rep@northwind.test", errors: URL? = nil, wrapper: String = ""
    ) throws -> TmuxSession {
        let binary = leoraBinary
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build the leora product first: \(binary.path)")
        let extra = arguments.map { " '\($0)'" }.joined()
        return try TmuxSession(
            // Through `env`, so a test can set even TERM (tmux sets the pane's own from default-terminal);
            // `wrapper` (a command and its arguments, ending in a space) runs leora under it.
            command: "env -u SWIFT_BACKTRACE \(environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")) "
                + "\(wrapper)'\(binary.path)' --server \(server) --user \(user)\(extra)\(errors.map { " 2>>'\($0.path)'" } ?? ""); echo \"leora exited with $?\"; sleep 60",
            width: width, height: height,
            environment: [
                "XDG_STATE_HOME": home.appendingPathComponent("state").path,
                "XDG_CACHE_HOME": home.appendingPathComponent("cache").path,
                "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
                "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
            ])
    }

    /// Drill down from the briefing, quit, and start again with the portal gone: the cached
    /// briefing is readable at once, marked offline.
    @Test func aDrillDownLinkOpensOrdersAndTheNextStartReadsTheCacheOffline() async throws {
        try await Self.withLeora(width: 120, height: 35) { session, portal, home in
            try await Self.logIn(session)
            // The trends are below the briefing: scroll down to them (again when they arrive after the keys:
            // the scroll stops at the end of what is there).
            try await session.waitForScreen(describedAs: "the trends", timeout: .seconds(30)) { screen in
                if screen.contains(where: { $0.contains("Customers at risk") }) { return true }
                try? session.sendKeys("PageDown")
                return false
            }
            try session.sendKeys("g")

            // The first link or customer, opened in its pane.
            try session.sendKeys("n")
            try session.sendKeys("Enter")
            // The demo briefing's links name an order, a status or a customer: each opens on Orders.
            try await session.waitForScreen(describedAs: "the linked orders or order", timeout: .seconds(30)) { screen in
                screen.contains { $0.contains("Showing ") && $0.contains("(x clears)") } || screen.contains { $0.hasPrefix(" Order NW-") }
            }

            try session.sendKeys("1")
            try session.sendKeys("g")
            try await session.waitForText("Recommended actions", timeout: .seconds(10))
            try session.sendKeys("q")
            try await session.waitForText("leora exited with 0", timeout: .seconds(30))
            let logFile = home.appendingPathComponent("state/leora/leora.log")
            let log = try String(contentsOf: logFile, encoding: .utf8)
            #expect(log.contains("GET /api/portal/insights/briefing → 200 in "))
            #expect(!log.contains("leora-demo"))

            portal.stop()
            let again = try Self.startLeora(home: home, server: portal.baseURL, width: 120, height: 35)
            defer { again.kill() }
            let screen = try await again.waitForText("Recommended actions", timeout: .seconds(30))
            #expect(screen.contains { $0.contains("Summary") })
            // Nothing was stale, so nothing was asked of the portal yet; R asks, and finds it gone.
            try again.sendKeys("R")
            try await again.waitForText("● offline", timeout: .seconds(60))
            #expect(try again.capture().contains { $0.contains("Summary") }, "the cached briefing stays readable")
            // The status bar gives the cached copy's age, and nothing spins while nothing can be fetched.
            try await again.waitForScreen(describedAs: "cached, its age, no spinner", timeout: .seconds(30)) { screen in
                let statusBar = screen.last ?? ""
                return statusBar.contains("cached ") && (statusBar.hasSuffix(" ago") || statusBar.hasSuffix("just now")) && !Spinner.brailleFrames.contains { statusBar.contains($0) }
            }
            try again.sendKeys("q")
            try await again.waitForText("leora exited with 0", timeout: .seconds(30))
        }
    }

    @Test func logInReadTheBriefingSwitchTabsAndQuitCleanly() async throws {
        try await Self.withLeora(width: 100, height: 30) { session, portal, _ in

            var screen = try await session.waitForText("Leora — log in", timeout: .seconds(30))
            #expect(screen.contains { $0.contains("Email     rep@northwind.test") })
            #expect(screen.contains { $0.contains(portal.baseURL) })

            try session.type("wrong-password")
            try session.sendKeys("Enter")
            try await session.waitForText("Wrong email or password.", timeout: .seconds(30))

            try session.type("leora-demo")
            screen = try await session.waitForScreen(describedAs: "masked password", timeout: .seconds(10)) {
                $0.contains { $0.contains("Password  ••••••••••") }
            }
            #expect(!screen.joined().contains("leora-demo"))
            try session.sendKeys("Enter")

            screen = try await session.waitForText("Recommended actions", timeout: .seconds(60))
            #expect(screen[0].contains("1 Briefing"))
            #expect(screen.contains { $0.contains("Summary") })
            #expect(screen.last?.contains("rep@northwind") == true)
            #expect(screen.last?.contains("● online") == true)

            try session.sendKeys("2")
            screen = try await session.waitForText("Customer", timeout: .seconds(30))
            try await session.waitForText("NW-", timeout: .seconds(30))
            try session.sendKeys("Enter")
            try await session.waitForText("Subtotal", timeout: .seconds(30))
            try session.sendKeys("Escape")
            try await session.waitForScreen(describedAs: "the list again", timeout: .seconds(10)) { !$0.contains { $0.contains("Subtotal") } }
            try session.sendKeys("y")
            let copied = try await session.waitForText("to the clipboard.", timeout: .seconds(10))
            let number = try #require(copied.first { $0.contains("to the clipboard.") }?.components(separatedBy: "Copied ").last?.components(separatedBy: " ").first)
            #expect(number.hasPrefix("NW-"))
            #expect(try session.clipboard() == number, "OSC 52 reached the terminal")

            try session.sendKeys("5")
            try await session.waitForText("Database", timeout: .seconds(30))

            // Resizing mid-session: narrower, too small, then back, with nothing left behind.
            try session.resize(width: 64, height: 16)
            screen = try await session.waitForScreen(describedAs: "the 64×16 layout", timeout: .seconds(10)) { screen in
                screen.count == 16 && screen.last?.contains("rep@northwind") == true
            }
            #expect(screen.allSatisfy { $0.count <= 64 })
            try session.resize(width: 50, height: 10)
            try await session.waitForText("Terminal too small", timeout: .seconds(10))
            try session.resize(width: 100, height: 30)
            screen = try await session.waitForScreen(describedAs: "the full layout again", timeout: .seconds(10)) { screen in
                screen.contains { $0.contains("Database") } && screen.last?.contains("rep@northwind") == true
            }
            #expect(!screen.contains { $0.contains("Terminal too small") }, "no debris from the small screen")

            try session.sendKeys("?")
            try await session.waitForText("Show or hide this help", timeout: .seconds(10))
            try session.sendKeys("Escape")
            try await session.waitForScreen(describedAs: "help closed", timeout: .seconds(10)) { !$0.contains { $0.contains("Show or hide this help") } }

            try session.sendKeys("q")
            screen = try await session.waitForText("leora exited with 0", timeout: .seconds(30))
            #expect(screen[0].hasPrefix("leora exited with 0"), "the alternate screen is gone: \(screen)")
            #expect(try session.format("#{alternate_on}") == "0")
            #expect(try session.format("#{cursor_flag}") == "1")
        }
    }

    /// Products search → add to cart → choose a customer → checkout → the order is on the Orders tab.
    @Test func searchAddChooseACustomerCheckOutAndFindTheOrder() async throws {
        try await Self.withLeora(width: 120, height: 35) { session, portal, _ in

            try await Self.logIn(session)

            try session.sendKeys("3")
            try await session.waitForText("Available", timeout: .seconds(30))
            try session.sendKeys("/")
            try session.type("Rioja Reserva")
            try session.sendKeys("Enter")
            try await session.waitForText("Search: Rioja Reserva  (/ to change)", timeout: .seconds(30))
            try await session.waitForText("Rioja Reserva 2018", timeout: .seconds(30))

            try session.sendKeys("a")
            try await session.waitForText("Add to cart", timeout: .seconds(10))
            try session.sendKeys("BSpace")
            try session.type("2")
            try session.sendKeys("Enter")
            try await session.waitForText("Added", timeout: .seconds(30))

            try session.sendKeys("4")
            try await session.waitForText("2 btl", timeout: .seconds(30))
            try session.sendKeys("c")
            try await session.waitForText("Choose a customer", timeout: .seconds(10))
            try session.type("Smoke")
            try await session.waitForScreen(describedAs: "Smoke & Barrel BBQ alone in the list", timeout: .seconds(30)) { screen in
                screen.contains { $0.contains("› Smoke & Barrel BBQ") } && !screen.contains { $0.contains("Zürich Weinstube ·") }
            }
            try session.sendKeys("Enter")
            try await session.waitForText("Customer: Smoke & Barrel BBQ", timeout: .seconds(30))

            // The customer shows at once (optimistic); checkout asked for while that change is still
            // saving opens once it is saved, on the version the portal confirmed: one press.
            try session.sendKeys("C")
            let confirmation = try await session.waitForText("Check out?", timeout: .seconds(30))
            #expect(confirmation.contains { $0.contains("Smoke & Barrel BBQ") && $0.contains("Place an order for") })
            #expect(confirmation.contains { $0.contains("Rioja Reserva 2018") }, "the dialog lists the lines")
            // Enter (or C) again does not place the order: only y does.
            try session.sendKeys("Enter")
            try session.sendKeys("C")
            try await Task.sleep(for: .milliseconds(500))
            #expect(try session.capture().contains { $0.contains("Check out?") })
            try session.sendKeys("y")
            let screen = try await session.waitForText("Order placed", timeout: .seconds(60))
            let line = try #require(screen.first { $0.contains("│ Order ") })
            let number = try #require(line.components(separatedBy: "Order ").last?.components(separatedBy: " ").first)
            try session.sendKeys("Enter")
            try await session.waitForText("The cart is empty", timeout: .seconds(30))

            try session.sendKeys("2")
            try await session.waitForScreen(describedAs: "order \(number) on the Orders tab", timeout: .seconds(30)) { screen in
                screen.contains { $0.contains(number) && $0.contains("Smoke & Barrel BBQ") }
            }
            try session.sendKeys("q")
            try await session.waitForText("leora exited with 0", timeout: .seconds(30))
        }
    }
}
