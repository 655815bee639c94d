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

    // Seen once in a loaded full-suite run: tmux marked the pane dead more than 10 s after its
    // command exited. The wait allows a minute, as the end-to-end tests' waits do.
    @Test func paneStaysReadableAfterTheCommandExits() async throws {
        let session = try TmuxSession(command: "printf 'bye\\nsecond'; sleep 0.3; exit 3")
        defer { session.kill() }
        #expect(try await session.waitForExit(timeout: .seconds(60)) == 3)
        let screen = try session.capture()
        #expect(Array(screen.prefix(3)) == ["bye", "second", ""], "\(screen)")
    }
}
