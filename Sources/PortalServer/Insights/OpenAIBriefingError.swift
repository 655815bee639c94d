/// Why an OpenAI-compatible chat-completions response could not be read as a briefing.
enum OpenAIBriefingError: Error, Equatable, CustomStringConvertible {
    /// The body is not a chat-completions JSON object.
    case invalidResponseBody(String)
    /// The API answered with a status other than 200.
    case httpStatus(Int)
    /// The body is an API error object (`{"error": {"message": ...}}`).
    case apiError(String)
    /// No `choices[0]`.
    case missingChoices
    /// `choices[0].message.content` is absent, null or empty.
    case missingContent
    /// The content is not a JSON briefing of the expected shape and types.
    case malformedContent(String)
    case confidenceOutOfRange(Double)
    case invalidTrend(String)
    case invalidPriority(String)

    var description: String {
        switch self {
        case .invalidResponseBody(let detail): "The response body is not a chat completion: \(detail)"
        case .httpStatus(let status): "The model API answered with HTTP status \(status)."
        case .apiError(let message): "The model API answered with an error: \(message)"
        case .missingChoices: "The chat completion has no choices."
        case .missingContent: "The chat completion's message has no content."
        case .malformedContent(let detail): "The briefing content is malformed: \(detail)"
        case .confidenceOutOfRange(let value): "The briefing confidence \(value) is outside 0...1."
        case .invalidTrend(let value): "The key metric trend \"\(value)\" is not up, down or stable."
        case .invalidPriority(let value): "The action priority \"\(value)\" is not high, medium or low."
        }
    }
}
