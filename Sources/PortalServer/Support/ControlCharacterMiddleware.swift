import Hummingbird

/// Refuses a request whose path or query, once percent-decoded, holds a control character
/// (`400 VALIDATION_ERROR` naming the parameter), so `q=%00` or an id with `%1b` never reaches storage.
struct ControlCharacterMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path.removingPercentEncoding ?? request.uri.path
        if ControlCharacters.contained(in: path) {
            throw APIError.validation(field: "path", "The path must not contain control characters")
        }
        for (name, value) in request.uri.queryParameters where ControlCharacters.contained(in: name) || ControlCharacters.contained(in: value) {
            let field = ControlCharacters.contained(in: name) ? "query" : String(name)
            throw APIError.validation(field: field, "\(field) must not contain control characters")
        }
        return try await next(request, context)
    }
}
