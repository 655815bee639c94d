import Foundation
import Hummingbird
import Logging
import NIOCore
import PortalAPI
import ServiceLifecycle
import Synchronization

/// A small OpenAI-compatible chat-completions server for tests: `POST /v1/chat/completions` on
/// 127.0.0.1 (a free port), answering as its `mode` says and recording every request it gets.
/// Point the portal at `baseURL` (`http://127.0.0.1:PORT/v1`).
public final class FakeOpenAIServer: Sendable {
    public enum Mode: Sendable, CustomStringConvertible {
        /// A proper chat completion whose `choices[0].message.content` is this briefing as a JSON string.
        case success(AIBriefingOutput)
        /// A proper chat completion whose content is not JSON.
        case malformedContent
        /// This HTTP status with an OpenAI-style error body.
        case status(Int)
        /// Answers only after 30 s (or when the server stops); pair it with a short client timeout.
        case hang

        public var description: String {
            switch self {
            case .success: "success"
            case .malformedContent: "malformedContent"
            case .status(let code): "status(\(code))"
            case .hang: "hang"
            }
        }
    }

    /// One chat message of a request.
    public struct Message: Codable, Sendable, Equatable {
        public var role: String
        public var content: String
    }

    /// What the fake saw of one request.
    public struct ReceivedRequest: Sendable {
        public var path: String
        public var authorization: String?
        public var contentType: String?
        /// The body's `model`, nil when the body did not decode.
        public var model: String?
        /// The body's `messages`, empty when the body did not decode.
        public var messages: [Message]
        public var rawBody: Data
    }

    public static let hangDuration: Duration = .seconds(30)

    public let baseURL: String
    private let box: StateBox
    private let service: LoopbackService

    private struct State {
        var mode: Mode
        var requests: [ReceivedRequest] = []
        var stopping = false
    }

    private init(baseURL: String, box: StateBox, service: LoopbackService) {
        self.baseURL = baseURL
        self.box = box
        self.service = service
    }

    /// Every request received so far, oldest first.
    public var requests: [ReceivedRequest] { box.state.withLock { $0.requests } }
    public var requestCount: Int { box.state.withLock { $0.requests.count } }

    /// How the next requests are answered.
    public var mode: Mode { box.state.withLock { $0.mode } }

    /// Changes how the next requests are answered.
    public func setMode(_ mode: Mode) { box.state.withLock { $0.mode = mode } }

    public static func start(_ mode: Mode) async throws -> FakeOpenAIServer {
        // The state is shared by the handler and the returned server; build it first.
        let box = StateBox(State(mode: mode))
        let router = Router()
        router.post("/v1/chat/completions") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 16 << 20)
            let data = Data(buffer: body)
            let decoded = try? JSONDecoder().decode(ChatRequest.self, from: data)
            let received = ReceivedRequest(
                path: request.uri.path, authorization: request.headers[.authorization],
                contentType: request.headers[.contentType], model: decoded?.model, messages: decoded?.messages ?? [],
                rawBody: data)
            let mode = box.state.withLock { state in
                state.requests.append(received)
                return state.mode
            }
            return try await answer(mode, model: decoded?.model ?? "unknown", box: box)
        }
        // The health check's probe: answered as the mode says, not recorded among the chat requests.
        router.get("/v1/models") { _, _ -> Response in
            switch box.state.withLock({ $0.mode }) {
            case .success, .malformedContent:
                return json(["object": "list", "data": [["id": "fake-model", "object": "model"]]], status: .ok)
            case .status(let code):
                return json(["error": ["message": "unavailable", "type": "server_error"]], status: HTTPResponse.Status(code: code))
            case .hang:
                let clock = ContinuousClock()
                let deadline = clock.now + hangDuration
                while clock.now < deadline, !box.state.withLock({ $0.stopping }) { try? await Task.sleep(for: .milliseconds(50)) }
                return json(["object": "list", "data": []], status: .ok)
            }
        }
        let service = try await LoopbackService.start(router, label: "fake-openai")
        return FakeOpenAIServer(baseURL: "http://127.0.0.1:\(service.port)/v1", box: box, service: service)
    }

    /// Ends any hanging answer, then shuts the server down.
    public func stop() async {
        box.state.withLock { $0.stopping = true }
        await service.stop()
    }

    // MARK: - Answers

    private static func answer(_ mode: Mode, model: String, box: StateBox) async throws -> Response {
        switch mode {
        case .success(let briefing):
            let content = String(decoding: try JSONEncoder().encode(briefing), as: UTF8.self)
            return try completion(content: content, model: model)
        case .malformedContent:
            return try completion(content: "Here is your briefing: sales look good this week!", model: model)
        case .status(let code):
            let body: JSONValue = [
                "error": ["message": "The server had an error while processing your request.", "type": "server_error"]
            ]
            return json(body, status: HTTPResponse.Status(code: code))
        case .hang:
            let clock = ContinuousClock()
            let deadline = clock.now + hangDuration
            while clock.now < deadline, !box.state.withLock({ $0.stopping }) {
                try? await Task.sleep(for: .milliseconds(50))
            }
            return try completion(content: "{}", model: model)
        }
    }

    private static func completion(content: String, model: String) throws -> Response {
        let body: JSONValue = [
            "id": "chatcmpl-fake-0001",
            "object": "chat.completion",
            "created": .number(Double(Int(Date().timeIntervalSince1970))),
            "model": .string(model),
            "choices": [
                [
                    "index": 0,
                    "message": ["role": "assistant", "content": .string(content)],
                    "finish_reason": "stop",
                ]
            ],
            "usage": ["prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150],
        ]
        return json(body, status: .ok)
    }

    private static func json(_ value: JSONValue, status: HTTPResponse.Status) -> Response {
        let data = (try? JSONEncoder().encode(value)) ?? Data()
        return Response(
            status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    /// The part of a chat-completions request body the fake reads.
    private struct ChatRequest: Decodable {
        var model: String?
        var messages: [Message]?
    }

    /// The mutable state, shared by reference between the route handler and the server object.
    private final class StateBox: Sendable {
        let state: Mutex<State>
        init(_ state: State) { self.state = Mutex(state) }
    }
}

/// Starts a fake OpenAI server in `mode`, runs `body`, stops the fake.
public func withFakeOpenAI<T>(_ mode: FakeOpenAIServer.Mode, _ body: (FakeOpenAIServer) async throws -> T) async throws -> T {
    let fake = try await FakeOpenAIServer.start(mode)
    do {
        let result = try await body(fake)
        await fake.stop()
        return result
    } catch {
        await fake.stop()
        throw error
    }
}
