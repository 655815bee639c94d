import Foundation
import PortalAPI
import PortalTestSupport
import Testing

/// Slow and idle connections are closed, and a flood of them cannot stop the server answering.
@Suite("Connection limits")
struct ConnectionLimitsTests {
    static let arguments = ["--dev", "--header-timeout", "1", "--idle-timeout", "2", "--bcrypt-cost", "4"]

    static func port(_ portal: PortalProcess) throws -> Int {
        try #require(URL(string: portal.baseURL)?.port)
    }

    @Test func aConnectionThatNeverFinishesItsHeadersIsClosed() async throws {
        try await PortalProcess.with(Self.arguments) { portal in
            let silent = try RawConnection(port: try Self.port(portal))
            let slow = try RawConnection(port: try Self.port(portal))
            slow.send("GET /api/health HTTP/1.1\r\nHost: x\r\n")
            #expect(await silent.readUntilClosed(seconds: 20).closed, "a silent connection is closed")
            #expect(await slow.readUntilClosed(seconds: 20).closed, "headers that never end are cut off")
        }
    }

    @Test func anIdleKeepAliveConnectionIsClosedAfterItsAnswer() async throws {
        try await PortalProcess.with(Self.arguments) { portal in
            let connection = try RawConnection(port: try Self.port(portal))
            connection.send("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n")
            let outcome = await connection.readUntilClosed(seconds: 20)
            #expect(outcome.text.hasPrefix("HTTP/1.1 200"), "answered first: \(outcome.text.prefix(40))")
            #expect(outcome.closed, "then closed when idle")
        }
    }

    @Test func pastTheConnectionLimitHealthStillAnswersOnceIdleOnesAreClosed() async throws {
        try await PortalProcess.with(Self.arguments + ["--max-connections", "3"]) { portal in
            let idle = try (0..<3).map { _ in try RawConnection(port: try Self.port(portal)) }
            let health = try await withDeadline(seconds: 30, "health past the limit") {
                try await TestClient(baseURL: portal.baseURL).get(Routes.health).status
            }
            #expect(health == 200)
            #expect(portal.output().contains("connection limit reached: 3"), "\(portal.output())")
            withExtendedLifetime(idle) {}
        }
    }
}
