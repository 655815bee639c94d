import Foundation
import PortalTestSupport
import Testing

extension EndToEndTests {
    /// `LEORA_TRACE_STARTUP=1` prints the start-up's timeline on standard error once the terminal is
    /// given back, the briefing drawn from the cache among its steps; without it, nothing.
    @Test func theStartupTraceIsPrintedOnlyWhenAskedFor() async throws {
        try await Self.withLeora(width: 120, height: 35) { session, portal, home in
            try await Self.logIn(session)
            try session.sendKeys("q")
            try await session.waitForText("leora exited with 0", timeout: .seconds(30))

            let quiet = try await Self.standardErrorOfOneStart(home: home, server: portal.baseURL, environment: Self.noVariables)
            Self.checkNothingPrinted(quiet)

            let timeline = try await Self.standardErrorOfOneStart(home: home, server: portal.baseURL, environment: ["LEORA_TRACE_STARTUP": "1"])
            Self.checkStartupTimeline(timeline)
        }
    }

    static let noVariables: [String: String] = [:]

    static func checkNothingPrinted(_ text: String) {
        #expect(text.isEmpty, "without LEORA_TRACE_STARTUP standard error stays empty: \(text)")
    }

    /// The timeline names every step, the terminal before the first frame, and no secret.
    static func checkStartupTimeline(_ timeline: String) {
        let lines = timeline.split(separator: "\n").map(String.init)
        #expect(lines.first == "leora start-up (LEORA_TRACE_STARTUP=1), ms since main:")
        let steps = ["main", "terminal (ncurses) initialised", "session file read", "query cache file read", "first frame drawn", "briefing on screen"]
        let missing = steps.filter { step in !lines.contains { $0.hasSuffix("  " + step) } }
        #expect(missing.isEmpty, "missing from the timeline:\n\(timeline)")
        let terminal = lines.firstIndex { $0.hasSuffix("  terminal (ncurses) initialised") } ?? .max
        let frame = lines.firstIndex { $0.hasSuffix("  first frame drawn") } ?? .min
        #expect(terminal < frame, "the terminal before the first frame:\n\(timeline)")
        #expect(!timeline.contains("leora-demo"))
    }

    /// Starts `leora` logged in with `environment`, waits for the briefing, does `then`, quits; what it wrote on
    /// standard error.
    static func standardErrorOfOneStart(
        home: URL, server: String, environment: [String: String], wrapper: String = "", then: (TmuxSession) async throws -> Void = { _ in }
    ) async throws -> String {
        let errors = home.appendingPathComponent("stderr-\(UUID().uuidString.prefix(8))")
        let session = try startLeora(home: home, server: server, width: 120, height: 35, environment: environment, errors: errors, wrapper: wrapper)
        do {
            try await session.waitForText("Recommended actions", timeout: .seconds(30))
            try await then(session)
            try session.sendKeys("q")
            try await session.waitForText("leora exited with 0", timeout: .seconds(30))
        } catch {
            session.kill()
            throw error
        }
        session.kill()
        guard FileManager.default.fileExists(atPath: errors.path) else { return "" }
        return try String(contentsOf: errors, encoding: .utf8)
    }
}
