import Hummingbird
import PortalAPI

/// Requires a valid access token whose session is live, and puts the caller's `Identity` in the context.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext
    let auth: AuthService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.identity = try await auth.authenticate(request)
        return try await next(request, context)
    }
}
