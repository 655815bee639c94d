import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PortalAPI

/// Writes the briefing with an OpenAI-compatible chat-completions API (`POST {base}/chat/completions`).
/// A model that cannot be reached (refused, or no connection within `connectTimeout`) fails fast, so
/// the fallback briefing is served within about 2 s; a model that answers slowly has the whole `timeout`.
struct OpenAIBriefingWriter: BriefingWriter {
    struct Settings: Sendable, Equatable {
        var apiKey: String
        var baseURL: String = "https://api.openai.com/v1"
        var model: String = "gpt-4o-mini"
        var timeout: TimeAmount = .seconds(15)
        var connectTimeout: TimeAmount = .seconds(2)
    }

    let settings: Settings

    func write(_ context: BriefingContext) async throws -> AIBriefingOutput {
        try await ModelHTTP.withClient(connectTimeout: settings.connectTimeout) { httpClient in try await write(context, with: httpClient) }
    }

    /// Whether the model's API answers at all, and accepts the key: `GET {base}/models` within `connectTimeout` twice over.
    func probe() async -> Bool {
        var request = HTTPClientRequest(url: settings.baseURL.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/models")
        request.headers.add(name: "Authorization", value: "Bearer \(settings.apiKey)")
        let deadline = NIODeadline.now() + settings.connectTimeout + settings.connectTimeout
        do {
            return try await ModelHTTP.withClient(connectTimeout: settings.connectTimeout) { httpClient in
                let response = try await httpClient.execute(request, deadline: deadline)
                _ = try? await response.body.collect(upTo: 1 << 20)
                return (200..<300).contains(response.status.code)
            }
        } catch {
            return false
        }
    }

    private func write(_ context: BriefingContext, with httpClient: HTTPClient) async throws -> AIBriefingOutput {
        var request = HTTPClientRequest(url: OpenAIBriefingPrompt.chatCompletionsURL(base: settings.baseURL))
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Authorization", value: "Bearer \(settings.apiKey)")
        request.body = .bytes(ByteBuffer(data: try OpenAIBriefingPrompt.encodedRequestBody(model: settings.model, context: context)))
        // One deadline for the whole exchange, body included.
        let deadline = NIODeadline.now() + settings.timeout
        let response = try await httpClient.execute(request, deadline: deadline)
        let body = try await response.body.collect(upTo: 4 << 20)
        guard response.status == .ok else {
            throw OpenAIBriefingError.apiError("HTTP \(response.status.code)")
        }
        return try OpenAIBriefingPrompt.parseResponse(Data(buffer: body))
    }
}

/// A client of the model's own for each call: a short connect timeout, shut down after the call.
enum ModelHTTP {
    static func withClient<T: Sendable>(connectTimeout: TimeAmount, _ body: (HTTPClient) async throws -> T) async throws -> T {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.timeout.connect = connectTimeout
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        do {
            let result = try await body(client)
            try? await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
