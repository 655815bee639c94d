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

    /// The tmux server outlives the command that started it; it must not keep what the test process had
    /// open (a portal's exit would go unnoticed while it held `Foundation.Process`'s socket).
    @Test func theTmuxServerKeepsNoneOfTheTestProcesssDescriptors() throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("leora-inherited-\(UUID().uuidString)")
        try Data().write(to: marker)
        defer { try? FileManager.default.removeItem(at: marker) }
        let descriptor = open(marker.path, O_RDONLY)  // no O_CLOEXEC, as Foundation's own sockets
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        let session = try TmuxSession(command: "sleep 30")
        defer { session.kill() }
        let server = try session.format("#{pid}")
        let open = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(server)/fd")
        let targets = open.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(server)/fd/\($0)") }
        #expect(!targets.contains(marker.path), "\(targets)")
        #expect(!targets.isEmpty, "the server's descriptors were read")
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
        // A child of this process that nobody waits for yet: a zombie until it is reaped below.
        var pid: pid_t = 0
        let words: [String] = ["/bin/sh", "-c", "exit 7"]
        let arguments: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        actions.closeDescriptorsAboveStandardError()
        #expect(posix_spawn(&pid, "/bin/sh", &actions, nil, arguments, environ) == 0)
        let deadline = ContinuousClock.now.advanced(by: .seconds(30))
        var status: Int32?
        while status == nil, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            status = TmuxSession.zombieStatus(pid)
        }
        var waited: Int32 = 0
        #expect(waitpid(pid, &waited, 0) == pid)
        #expect(status == 7)
        #expect((waited >> 8) & 0xFF == 7, "the status read matches the one waitpid reports")
        #expect(TmuxSession.zombieStatus(getpid()) == nil, "running")
    }
}
