import Foundation
import Hummingbird
import NIOCore
import PortalAPI
import PortalTestSupport

/// A server on 127.0.0.1 (a free port) that answers as a hostile portal would: `GET /api/health` with
/// control sequences in every status, and every other request with the contract's error envelope
/// whose `message` carries them (401 `INVALID_CREDENTIALS`, as a failed login).
struct HostileServer: Sendable {
    static let message = "Invalid email or password \u{1B}]0;PWNED-ERROR\u{07}\u{1B}]52;c;ZXZpbA==\u{07}\u{9B}6n\u{202E}\nFORGED ERROR LINE"
    static let messageShown = "Invalid email or password ␛]0;PWNED-ERROR␇␛]52;c;ZXZpbA==␇\u{FFFD}6n\u{FFFD}␊FORGED ERROR LINE"

    static let health = HealthReport(
        status: "healthy \u{1B}]0;PWNED-HEALTH\u{07}\u{9B}6n\u{202E}evil",
        checks: .init(
            database: .init(status: "up\nFORGED: down", responseTime: 4), openai: .init(status: "up\u{1B}[2J"),
            webhooks: .init(status: "up", queueDepth: 0)),
        timestamp: Date(timeIntervalSince1970: 1_800_000_000))

    let baseURL: String
    fileprivate let service: LoopbackService

    static func start() async throws -> HostileServer {
        let router = Router()
        for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete] {
            router.on("**", method: method) { request, _ -> Response in
                if request.uri.path == Routes.health { return json(.ok, try PortalJSON.encoder().encode(health)) }
                let envelope: JSONValue = [
                    "success": .bool(false), "error": ["code": .string(ErrorCode.invalidCredentials.rawValue), "message": .string(message)],
                ]
                return json(.unauthorized, try JSONEncoder().encode(envelope))
            }
        }
        let service = try await LoopbackService.start(router, label: "hostile-server")
        return HostileServer(baseURL: "http://127.0.0.1:\(service.port)", service: service)
    }

    private static func json(_ status: HTTPResponse.Status, _ body: Data) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// Starts a hostile server, runs `body`, stops the server.
func withHostileServer<T>(_ body: (HostileServer) async throws -> T) async throws -> T {
    let server = try await HostileServer.start()
    do {
        let result = try await body(server)
        await server.service.stop()
        return result
    } catch {
        await server.service.stop()
        throw error
    }
}
