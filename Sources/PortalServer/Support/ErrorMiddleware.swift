import Hummingbird
import Logging
import PortalAPI

/// Turns every failure into the contract's error envelope: unknown paths (404), wrong methods (405),
/// framework errors, and unexpected ones (500, logged, never described to the caller).
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: RouteIndex

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError {
            throw translate(error, request: request)
        } catch is CancellationError {
            throw APIError(.unavailable, "The request was cancelled")
        } catch {
            context.logger.error("unexpected error", metadata: ["type": "\(type(of: error))", "error": "\(String(describing: error).prefix(300))"])
            throw APIError(.internalError, "Internal server error")
        }
    }

    private func translate(_ error: HTTPError, request: Request) -> APIError {
        switch error.status {
        case .notFound:
            return routes.knows(request.uri.path)
                ? APIError(.methodNotAllowed, "\(request.method) is not allowed on \(request.uri.path)")
                : APIError(.notFound, "No route for \(request.uri.path)")
        case .methodNotAllowed: return APIError(.methodNotAllowed, "Method not allowed")
        case .badRequest: return APIError(.invalidJSON, "Malformed request")
        case .unauthorized: return .unauthorized
        case .contentTooLarge: return APIError(.validationError, "Request body is too large", details: ["field": "body"])
        default: return APIError(.internalError, "Internal server error")
        }
    }
}
