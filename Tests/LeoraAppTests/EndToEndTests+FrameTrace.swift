import Foundation
import PortalTestSupport
import Testing

extension EndToEndTests {
    /// `LEORA_TRACE_FRAMES=1` prints, once the terminal is given back, the phases of the frames drawn
    /// after keys on standard error; without it, nothing.
    @Test func theFrameTraceIsPrintedOnlyWhenAskedFor() async throws {
        try await Self.withLeora(width: 120, height: 35) { session, portal, home in
            try await Self.logIn(session)
            try session.sendKeys("q")
            try await session.waitForText("leora exited with 0", timeout: .seconds(30))

            #expect(try await Self.standardErrorAfterFiveMoves(home: home, server: portal.baseURL, environment: [:]).isEmpty)
            let summary = try await Self.standardErrorAfterFiveMoves(home: home, server: portal.baseURL, environment: ["LEORA_TRACE_FRAMES": "1"])
            let lines = summary.split(separator: "\n").map(String.init)
            // "… of 6 (5 motion frames, 4 prepared):"
            let numbers = (lines.first?.components(separatedBy: " of ").last ?? "").split { !$0.isNumber }.compactMap { Int($0) }
            #expect(lines.first?.hasPrefix("leora frames after a key (LEORA_TRACE_FRAMES=1), µs, median [min–max] of ") == true, "\(summary)")
            // The tab key and the five moves at least; the moves within the rows on screen are motion frames.
            #expect(numbers.first ?? 0 >= 6, "\(summary)")
            #expect(numbers.dropFirst().first ?? 0 >= 4, "\(summary)")
            // A move after a move is drawn as worked out before it came (`PreparedMotion`), unless something
            // (a page the portal sent again) changed the state in between.
            #expect(numbers.dropFirst(2).first ?? 0 >= 1, "\(summary)")
            #expect(lines.dropFirst().map { $0.components(separatedBy: "]  ").last ?? "" } == FrameTraceTests.phases, "\(summary)")
        }
    }

    /// Starts `leora` logged in with `environment` (under `wrapper`), opens the orders and moves down five
    /// rows, quits; what it wrote on standard error.
    static func standardErrorAfterFiveMoves(home: URL, server: String, environment: [String: String], wrapper: String = "") async throws -> String {
        try await standardErrorOfOneStart(home: home, server: server, environment: environment, wrapper: wrapper) { session in
            try session.sendKeys("2")
            try await session.waitForText("1 of ", timeout: .seconds(30))
            for row in 2...6 {
                try session.sendKeys("j")
                try await session.waitForText("\(row) of ", timeout: .seconds(30))
            }
        }
    }
}
