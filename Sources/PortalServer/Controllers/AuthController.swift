import Hummingbird
import PortalAPI

/// `/api/portal/auth/*`.
struct AuthController {
    let auth: AuthService
    let storage: any PortalStorage

    /// Routes that need no access token.
    func addPublicRoutes(to group: RouterGroup<PortalRequestContext>) {
        group.post(RouterPath(Routes.login)) { request, context in
            let body = try await RequestDecoding.decode(LoginRequest.self, from: request)
            let session = try await auth.login(body, clientAddress: context.clientAddress)
            var response = JSONBody.response(LoginResponse(user: session.user), status: .ok, headers: ConditionalResponse.privateHeaders)
            AuthCookies.set(session.setCookies, on: &response)
            return response
        }
        group.post(RouterPath(Routes.refresh)) { request, _ in
            let refreshed = try await auth.refresh(request)
            var response = JSONBody.response(
                Envelope(data: RefreshPayload(accessTokenExpiresAt: refreshed.expiresAt)), status: .ok, headers: ConditionalResponse.privateHeaders)
            AuthCookies.set(refreshed.setCookies, on: &response)
            return response
        }
        group.post(RouterPath(Routes.logout)) { request, _ in
            var response = JSONBody.response(Envelope(data: EmptyPayload()), status: .ok, headers: ConditionalResponse.privateHeaders)
            AuthCookies.set(try await auth.logout(request), on: &response)
            return response
        }
    }

    /// Routes behind the authenticator.
    func addRoutes(to group: RouterGroup<PortalRequestContext>) {
        group.get(RouterPath(Routes.me)) { request, context in
            let identity = try context.requireIdentity()
            guard let account = try await storage.account(id: identity.userId),
                let tenant = try await storage.tenant(id: identity.tenantId)
            else { throw APIError.unauthorized }
            let payload = MePayload(user: account.portalUser, tenant: tenant, permissions: Role.permissions(for: account.roles))
            return ConditionalResponse.make(Envelope(data: payload), for: request, identity: identity)
        }
    }
}
