import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PortalAPI

/// Writes the briefing with an OpenAI-compatible chat-completions API (`POST {base}/chat/completions`).
struct OpenAIBriefingWriter: BriefingWriter {
    struct Settings: Sendable, Equatable {
        var apiKey: String
        var baseURL: String = "https://api.openai.com/v1"
        var model: String = "gpt-4o-mini"
        var timeout: TimeAmount = .seconds(15)
    }

    let settings: Settings
    let httpClient: HTTPClient

    func write(_ context: BriefingContext) async throws -> AIBriefingOutput {
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
