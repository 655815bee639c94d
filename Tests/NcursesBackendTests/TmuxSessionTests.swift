import Foundation
import PortalTestSupport
import Testing

@Suite struct TmuxSessionTests {
    @Test func capturesWideCharactersAndTypedKeys() async throws {
        let session = try TmuxSession(command: "printf 'héllo 世界|\\n'; read line; printf 'got %s|\\n' \"$line\"; sleep 30", width: 40, height: 10)
        defer { session.kill() }
        let screen = try await session.waitForText("héllo 世界|")
        #expect(screen.count == 10)
        #expect(screen[0] == "héllo 世界|")
        try session.type("ok 日本")
        try session.sendKeys("Enter")
        try await session.waitForText("got ok 日本|")
    }

    // Full-suite runs saw tmux leave the pane's process a zombie, never marking the pane dead:
    // `exitStatus` then reads the zombie's status. The wait allows a minute, as the end-to-end
    // tests' waits do.
    @Test func paneStaysReadableAfterTheCommandExits() async throws {
        let session = try TmuxSession(command: "printf 'bye\\nsecond'; sleep 0.3; exit 3")
        defer { session.kill() }
        #expect(try await session.waitForExit(timeout: .seconds(60)) == 3)
        let screen = try session.capture()
        #expect(Array(screen.prefix(3)) == ["bye", "second", ""], "\(screen)")
    }
}

/// The exit status of a process nobody reaped, read where tmux may leave it.
@Suite struct ZombieStatusTests {
    @Test func aZombiesStatusIsReadAndARunningProcessHasNone() async throws {
        // `sleep` never reaps the subshell it inherits from `sh`: a zombie whose parent is not us.
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("zombie-\(UUID().uuidString).pid")
        defer { try? FileManager.default.removeItem(at: pidFile) }
        let session = try TmuxSession(command: "(exit 7) & echo $! > \(pidFile.path); exec sleep 60")
        defer { session.kill() }
        let deadline = ContinuousClock.now.advanced(by: .seconds(30))
        var status: Int32?
        while status == nil, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            let pid = (try? String(contentsOf: pidFile, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            status = pid.flatMap(TmuxSession.zombieStatus)
        }
        #expect(status == 7)
        #expect(TmuxSession.zombieStatus(getpid()) == nil, "running")
    }
}
