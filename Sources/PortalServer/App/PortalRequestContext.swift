import Hummingbird
import NIOCore

/// The request context of every route: the caller's address and, once authenticated, who they are.
struct PortalRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?
    var identity: Identity?

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// The caller's address, for rate limits.
    var clientAddress: String {
        remoteAddress?.ipAddress ?? "unknown"
    }

    /// The authenticated caller; routes behind the authenticator can rely on it.
    func requireIdentity() throws -> Identity {
        guard let identity else { throw APIError.unauthorized }
        return identity
    }
}
