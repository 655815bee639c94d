import Foundation
import Hummingbird
import PortalTestSupport
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A tiny HTTP server on 127.0.0.1 (a free port) for what the portal cannot show: it records every
/// request it receives, and its paths choose the answer:
/// - `/gzip`: a gzip-encoded body (`Content-Encoding: gzip`) that decodes to `EchoServer.gzipText`;
/// - `/slow`: answers only when the server stops (or after 60 s);
/// - `/hold`: answers when `release()` is called;
/// - `/redirect`: a `302` to `/echo`;
/// - anything else: `200` with body `ok`.
/// Every answer carries one `Set-Cookie` per `X-Set-Cookie` header of the request.
final class EchoServer: Sendable {
    /// What the server saw of one request.
    struct ReceivedRequest: Sendable {
        var method: String
        var path: String
        var headers: [(name: String, value: String)]
        var body: Data

        /// Every value of that header (case-insensitive).
        func values(_ name: String) -> [String] {
            headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
        }

        func value(_ name: String) -> String? { values(name).first }

        /// The cookies the request carried, by name.
        var cookies: [String: String] {
            var result: [String: String] = [:]
            for header in values("Cookie") {
                for pair in header.split(separator: ";") {
                    let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                    guard parts.count == 2 else { continue }
                    result[parts[0].trimmingCharacters(in: .whitespaces)] = parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
            return result
        }
    }

    static let gzipText = "hello, gzip world"
    static let gzipBytes: [UInt8] = [
        0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xcb, 0x48,
        0xcd, 0xc9, 0xc9, 0xd7, 0x51, 0x48, 0xaf, 0xca, 0x2c, 0x50, 0x28, 0xcf,
        0x2f, 0xca, 0x49, 0x01, 0x00, 0xeb, 0x83, 0x46, 0x82, 0x11, 0x00, 0x00,
        0x00,
    ]

    private struct State {
        var requests: [ReceivedRequest] = []
        var released = false
        var stopping = false
    }

    private final class StateBox: Sendable {
        let state = Mutex(State())
    }

    let baseURL: String
    private let box: StateBox
    private let service: LoopbackService

    private init(baseURL: String, box: StateBox, service: LoopbackService) {
        self.baseURL = baseURL
        self.box = box
        self.service = service
    }

    var requests: [ReceivedRequest] { box.state.withLock { $0.requests } }

    /// The requests received for `path`, oldest first.
    func requests(to path: String) -> [ReceivedRequest] { requests.filter { $0.path == path } }

    /// Lets every `/hold` request (waiting or future) answer.
    func release() { box.state.withLock { $0.released = true } }

    static func start() async throws -> EchoServer {
        let box = StateBox()
        let router = Router()
        for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete, .head] {
            router.on("**", method: method) { request, _ -> Response in
                let body = try await request.body.collect(upTo: 16 << 20)
                let received = ReceivedRequest(
                    method: request.method.rawValue, path: request.uri.path,
                    headers: request.headers.map { ($0.name.rawName, $0.value) }, body: Data(buffer: body))
                box.state.withLock { $0.requests.append(received) }
                return await answer(received, box: box)
            }
        }
        let service = try await LoopbackService.start(router, label: "echo-server")
        return EchoServer(baseURL: "http://127.0.0.1:\(service.port)", box: box, service: service)
    }

    func stop() async {
        box.state.withLock { $0.stopping = true }
        await service.stop()
    }

    private static func answer(_ request: ReceivedRequest, box: StateBox) async -> Response {
        var headers = HTTPFields()
        for cookie in request.values("X-Set-Cookie") {
            headers.append(.init(name: .setCookie, value: cookie))
        }
        switch request.path {
        case "/gzip":
            headers[.contentEncoding] = "gzip"
            headers[.contentType] = "text/plain"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: gzipBytes)))
        case "/slow":
            await wait(box, upTo: .seconds(60)) { $0.stopping }
        case "/hold":
            await wait(box, upTo: .seconds(60)) { $0.released || $0.stopping }
        case "/redirect":
            headers[.location] = "/echo"
            return Response(status: .found, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "moved")))
        default:
            break
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "ok")))
    }

    private static func wait(_ box: StateBox, upTo limit: Duration, until done: @Sendable (State) -> Bool) async {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while clock.now < deadline, !box.state.withLock({ done($0) }) {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// Starts an echo server, runs `body`, stops the server.
@discardableResult
func withEchoServer<T>(_ body: (EchoServer) async throws -> T) async throws -> T {
    let server = try await EchoServer.start()
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}
