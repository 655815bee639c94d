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
            let allowed = routes.methods(serving: request.uri.path)
            return allowed.isEmpty
                ? APIError(.notFound, "No route for \(request.uri.path)")
                : .methodNotAllowed(request.method.rawValue, path: request.uri.path, allow: allowed)
        case .methodNotAllowed:
            return .methodNotAllowed(request.method.rawValue, path: request.uri.path, allow: routes.methods(serving: request.uri.path))
        case .badRequest: return APIError(.invalidJSON, "Malformed request")
        case .unauthorized: return .unauthorized
        case .contentTooLarge: return .bodyTooLarge(limit: RequestDecoding.maximumBodySize)
        default: return APIError(.internalError, "Internal server error")
        }
    }
}
