import Foundation
import PortalTestSupport
import Testing

extension EndToEndTests {
    /// Issue 13: the frame a key draws reaches the terminal in one write(), not one per cursor move
    /// (ncurses flushes at every move of an update until the screen has once been left and resumed).
    /// `strace` counts the writes to the terminal between one `j` read and the next.
    @Test func aKeysFrameReachesTheTerminalInOneWrite() async throws {
        let strace = "/usr/bin/strace"
        try #require(FileManager.default.isExecutableFile(atPath: strace), "this test counts leora's writes with strace: apt-get install strace")
        try await Self.withLeora(width: 120, height: 35) { session, portal, home in
            try await Self.logIn(session)
            try session.sendKeys("q")
            try await session.waitForText("leora exited with 0", timeout: .seconds(30))

            let log = home.appendingPathComponent("syscalls-\(UUID().uuidString.prefix(8))")
            _ = try await Self.standardErrorAfterFiveMoves(
                home: home, server: portal.baseURL, environment: [:],
                wrapper: "\(strace) -f -qq -e trace=read,write -e signal=none -o '\(log.path)' ")
            let calls = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
            // The writes to standard output after each `j` was read, until the next key was.
            var writes: [Int] = []
            for call in calls {
                if call.contains(" read(0, \"j\"") {
                    writes.append(0)
                } else if call.contains(" read(0, \""), !writes.isEmpty {
                    break
                } else if call.contains(" write(1, "), !writes.isEmpty {
                    writes[writes.count - 1] += 1
                }
            }
            #expect(writes.count == 5, "\(writes): \(calls.filter { $0.contains("read(0") }.prefix(12))")
            // Each press drew one frame (a press may share its wait with a later frame, the clock's).
            #expect(writes.filter { $0 == 1 }.count >= 4, "writes to the terminal after each j: \(writes)")
            #expect(!writes.contains(0), "\(writes)")
        }
    }
}
