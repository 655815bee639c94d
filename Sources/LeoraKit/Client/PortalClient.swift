#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI

/// Typed calls for every endpoint a client uses. Decodes the envelope and maps every failure to
/// `PortalError`. Knows nothing of sessions: `SessionStore` wraps calls with refresh-and-retry.
public struct PortalClient: Sendable {
    public let server: URL
    public let transport: any HTTPTransport

    public init(server: URL, transport: any HTTPTransport) {
        self.server = server
        self.transport = transport
    }

    // MARK: Authentication

    public func login(email: String, password: String) async throws(PortalError) -> PortalUser {
        let response = try await send("POST", Routes.login, body: LoginRequest(email: email, password: password))
        let decoded = try decode(LoginAnswer.self, from: response, endpoint: Routes.login)
        guard let user = decoded.user ?? decoded.data?.user else {
            throw .invalidResponse(endpoint: Routes.login, reason: "no user in the answer")
        }
        return user
    }

    /// Rotates the refresh token; answers the new access token's expiry.
    public func refresh() async throws(PortalError) -> Date {
        try decodeData(RefreshPayload.self, from: try await send("POST", Routes.refresh), endpoint: Routes.refresh).accessTokenExpiresAt
    }

    public func me() async throws(PortalError) -> MePayload {
        try decodeData(MePayload.self, from: try await send("GET", Routes.me), endpoint: Routes.me)
    }

    public func logout() async throws(PortalError) {
        _ = try await send("POST", Routes.logout)
    }

    // MARK: Catalogue

    public func products(page: Int = 1, limit: Int = 50, query: String? = nil, category: String? = nil, etag: String? = nil)
        async throws(PortalError) -> Fetched<Paged<Product>>
    {
        let path = Routes.products + QueryString.make(["page": "\(page)", "limit": "\(limit)", "q": query, "category": category])
        return try await fetchPage(path, etag: etag, endpoint: Routes.products) { (page: ProductsPage) in page.products }
    }

    public func product(id: String, etag: String? = nil) async throws(PortalError) -> Fetched<Product> {
        try await fetch(Routes.product(QueryString.escapePathSegment(id)), etag: etag, endpoint: "/api/portal/products/{id}") { (payload: ProductPayload) in payload.product }
    }

    public func inventory(productIds: [String], etag: String? = nil) async throws(PortalError) -> Fetched<[Inventory]> {
        let path = Routes.inventory + QueryString.make(["productIds": productIds.joined(separator: ",")])
        return try await fetch(path, etag: etag, endpoint: Routes.inventory) { (list: InventoryList) in list.inventory }
    }

    public func customers(page: Int = 1, limit: Int = 50, query: String? = nil, etag: String? = nil)
        async throws(PortalError) -> Fetched<Paged<Customer>>
    {
        let path = Routes.customers + QueryString.make(["page": "\(page)", "limit": "\(limit)", "q": query])
        return try await fetchPage(path, etag: etag, endpoint: Routes.customers) { (page: CustomersPage) in page.customers }
    }

    public func customer(id: String, etag: String? = nil) async throws(PortalError) -> Fetched<Customer> {
        try await fetch(Routes.customer(QueryString.escapePathSegment(id)), etag: etag, endpoint: "/api/portal/customers/{id}") { (payload: CustomerPayload) in payload.customer }
    }

    // MARK: Orders

    public func orders(
        page: Int = 1, limit: Int = 20, status: String? = nil, customerId: String? = nil, query: String? = nil, etag: String? = nil
    ) async throws(PortalError) -> Fetched<Paged<Order>> {
        let path = Routes.orders + QueryString.make([
            "page": "\(page)", "limit": "\(limit)", "status": status, "customerId": customerId, "q": query,
        ])
        return try await fetchPage(path, etag: etag, endpoint: Routes.orders) { (page: OrdersPage) in page.orders }
    }

    public func order(id: String, etag: String? = nil) async throws(PortalError) -> Fetched<Order> {
        try await fetch(Routes.order(QueryString.escapePathSegment(id)), etag: etag, endpoint: "/api/portal/orders/{id}") { (payload: OrderPayload) in payload.order }
    }

    /// `idempotencyKey` is generated once per attempt by the caller and reused for its retries.
    public func createOrder(_ request: CreateOrderRequest, idempotencyKey: String) async throws(PortalError) -> Order {
        let response = try await send("POST", Routes.orders, body: request, headers: [Header(Wire.idempotencyKey, idempotencyKey)])
        return try decodeData(OrderPayload.self, from: response, endpoint: Routes.orders).order
    }

    public func cancelOrder(id: String, idempotencyKey: String) async throws(PortalError) -> Order {
        let path = Routes.cancelOrder(QueryString.escapePathSegment(id))
        let response = try await send("POST", path, headers: [Header(Wire.idempotencyKey, idempotencyKey)])
        return try decodeData(OrderPayload.self, from: response, endpoint: "/api/portal/orders/{id}/cancel").order
    }

    // MARK: Webhooks (`webhooks:admin`)

    public func webhookSubscriptions() async throws(PortalError) -> [WebhookSubscription] {
        try decodeData(WebhookSubscriptionsList.self, from: try await send("GET", Routes.webhookSubscriptions), endpoint: Routes.webhookSubscriptions)
            .subscriptions
    }

    /// Creates a subscription; the answer carries its secret, shown this once.
    public func createWebhookSubscription(eventType: String, url: String) async throws(PortalError) -> WebhookSubscription {
        let body = CreateWebhookSubscriptionRequest(eventType: eventType, url: url, active: true)
        let response = try await send("POST", Routes.webhookSubscriptions, body: body)
        return try decodeData(WebhookSubscriptionPayload.self, from: response, endpoint: Routes.webhookSubscriptions).subscription
    }

    /// Any 2xx answer means deleted (the body is not relied on).
    public func deleteWebhookSubscription(id: String) async throws(PortalError) {
        _ = try await send("DELETE", Routes.webhookSubscription(QueryString.escapePathSegment(id)))
    }

    /// Deliveries, newest first as the portal lists them; `status` nil for all.
    public func webhookDeliveries(status: String? = nil, page: Int = 1, limit: Int = 50) async throws(PortalError) -> Paged<WebhookDelivery> {
        let path = Routes.webhookDeliveries + QueryString.make(["status": status, "page": "\(page)", "limit": "\(limit)"])
        switch try await fetchPage(path, etag: nil, endpoint: Routes.webhookDeliveries, { (page: WebhookDeliveriesPage) in page.deliveries }) {
        case .modified(let page, _): return page
        case .notModified: throw PortalError.invalidResponse(endpoint: Routes.webhookDeliveries, reason: "304 without an ETag sent")
        }
    }

    // MARK: Cart

    public func cart(etag: String? = nil) async throws(PortalError) -> Fetched<Cart> {
        try await fetch(Routes.cart, etag: etag, endpoint: Routes.cart) { (payload: CartPayload) in payload.cart }
    }

    public func addToCart(productId: String, quantity: Int) async throws(PortalError) -> Cart {
        try cart(from: try await send("POST", Routes.cartItems, body: AddCartItemRequest(productId: productId, quantity: quantity)), Routes.cartItems)
    }

    /// Sets the line's absolute quantity; 0 removes it.
    public func setCartItem(id: String, quantity: Int) async throws(PortalError) -> Cart {
        let path = Routes.cartItem(QueryString.escapePathSegment(id))
        return try cart(from: try await send("PATCH", path, body: UpdateCartItemRequest(quantity: quantity)), "/api/portal/cart/items/{itemId}")
    }

    public func removeCartItem(id: String) async throws(PortalError) -> Cart {
        let path = Routes.cartItem(QueryString.escapePathSegment(id))
        return try cart(from: try await send("DELETE", path), "/api/portal/cart/items/{itemId}")
    }

    public func setCartCustomer(id: String?) async throws(PortalError) -> Cart {
        try cart(from: try await send("PUT", Routes.cartCustomer, body: SetCartCustomerRequest(customerId: id)), Routes.cartCustomer)
    }

    public func checkout(_ request: CheckoutRequest, idempotencyKey: String) async throws(PortalError) -> Order {
        let response = try await send("POST", Routes.checkout, body: request, headers: [Header(Wire.idempotencyKey, idempotencyKey)])
        return try decodeData(OrderPayload.self, from: response, endpoint: Routes.checkout).order
    }

    // MARK: Insights and health

    public func briefing(refresh: Bool = false, etag: String? = nil) async throws(PortalError) -> Fetched<BriefingPayload> {
        let path = Routes.briefing + (refresh ? "?refresh=true" : "")
        return try await fetch(path, etag: etag, endpoint: Routes.briefing) { (payload: BriefingPayload) in payload }
    }

    public func metrics(start: Date, end: Date, etag: String? = nil) async throws(PortalError) -> Fetched<InsightsMetrics> {
        let path = Routes.metrics + QueryString.make(["start": Timestamp.string(from: start), "end": Timestamp.string(from: end)])
        return try await fetch(path, etag: etag, endpoint: Routes.metrics) { (metrics: InsightsMetrics) in metrics }
    }

    /// `/api/health` is not enveloped and answers 503 when unhealthy; both are reports.
    public func health() async throws(PortalError) -> HealthReport {
        let response = try await send("GET", Routes.health, accepting: [503])
        return try decode(HealthReport.self, from: response, endpoint: Routes.health)
    }

    // MARK: Plumbing

    /// Sends a request; answers 2xx, 304 and the statuses in `accepting`, throws everything else.
    func send(
        _ method: String, _ path: String, body: (some Encodable & Sendable)? = nil as EmptyPayload?, headers: [Header] = [],
        accepting: Set<Int> = []
    ) async throws(PortalError) -> TransportResponse {
        var request = TransportRequest(method: method, url: server.absoluteString.trimmingSuffix("/") + path, headers: headers)
        request.headers.append(Header("Accept", "application/json"))
        if let body {
            do {
                request.body = try PortalJSON.encoder().encode(body)
            } catch {
                throw .invalidResponse(endpoint: path, reason: "the request could not be encoded")
            }
            request.headers.append(Header("Content-Type", "application/json"))
        }
        let response: TransportResponse
        do {
            response = try await transport.send(request)
        } catch let error as TransportError {
            throw .transport(error)
        } catch is CancellationError {
            throw .transport(.cancelled)
        } catch {
            throw .transport(.failed("\(type(of: error))"))
        }
        if response.headers.contains(where: { $0.name.lowercased() == "set-cookie" }) { keepContractCookiesOnly() }
        guard (200..<300).contains(response.status) || response.status == 304 || accepting.contains(response.status) else {
            throw Self.error(from: response)
        }
        return response
    }

    /// Drops from the jar whatever cookies the contract does not allow (`ContractCookies`).
    private func keepContractCookiesOnly() {
        let cookies = transport.cookies()
        let kept = ContractCookies.kept(cookies, now: Date())
        if kept != cookies.sorted(by: { $0.name < $1.name }) { transport.replaceCookies(with: kept) }
    }

    static func error(from response: TransportResponse) -> PortalError {
        let retryAfter = RetryAfter.seconds(fromHeader: response.header(Wire.retryAfter))
        if let envelope = try? PortalJSON.decoder().decode(ErrorEnvelope.self, from: response.body) {
            return .server(
                status: response.status, code: envelope.error.code, message: envelope.error.message, details: envelope.error.details,
                retryAfter: retryAfter)
        }
        return .server(status: response.status, code: "HTTP_\(response.status)", message: "", details: nil, retryAfter: retryAfter)
    }

    private func fetch<Payload: Codable & Sendable, Value>(
        _ path: String, etag: String?, endpoint: String, _ extract: (Payload) -> Value
    ) async throws(PortalError) -> Fetched<Value> {
        let response = try await send("GET", path, headers: etag.map { [Header("If-None-Match", $0)] } ?? [])
        if response.status == 304 { return .notModified }
        return .modified(extract(try decodeData(Payload.self, from: response, endpoint: endpoint)), etag: response.header("ETag"))
    }

    private func fetchPage<Payload: Codable & Sendable, Item>(
        _ path: String, etag: String?, endpoint: String, _ extract: (Payload) -> [Item]
    ) async throws(PortalError) -> Fetched<Paged<Item>> {
        let response = try await send("GET", path, headers: etag.map { [Header("If-None-Match", $0)] } ?? [])
        if response.status == 304 { return .notModified }
        let envelope = try decode(Envelope<Payload>.self, from: response, endpoint: endpoint)
        guard let pagination = envelope.meta?.pagination else {
            throw .invalidResponse(endpoint: endpoint, reason: "no meta.pagination")
        }
        return .modified(Paged(items: extract(envelope.data), pagination: pagination), etag: response.header("ETag"))
    }

    private func cart(from response: TransportResponse, _ endpoint: String) throws(PortalError) -> Cart {
        try decodeData(CartPayload.self, from: response, endpoint: endpoint).cart
    }

    private func decodeData<T: Codable & Sendable>(_ type: T.Type, from response: TransportResponse, endpoint: String) throws(PortalError) -> T {
        try decode(Envelope<T>.self, from: response, endpoint: endpoint).data
    }

    /// The answer decoded, its numbers checked (`WireNumbers`).
    private func decode<T: Decodable>(_ type: T.Type, from response: TransportResponse, endpoint: String) throws(PortalError) -> T {
        let value: T
        do {
            value = try PortalJSON.decoder().decode(T.self, from: response.body)
        } catch let error as DecodingError {
            let decodes = { (body: Data) in (try? PortalJSON.decoder().decode(T.self, from: body)) != nil }
            throw .invalidResponse(endpoint: endpoint, reason: DecodingFailure.describe(error, body: response.body, decodes: decodes))
        } catch {
            throw .invalidResponse(endpoint: endpoint, reason: "not JSON")
        }
        do {
            return try WireNumbers.checked(value)
        } catch {
            throw .invalidResponse(endpoint: endpoint, reason: error.description)
        }
    }
}

/// Login's answer: `user` at the top level, or under `data`.
private struct LoginAnswer: Decodable {
    struct Nested: Decodable { var user: PortalUser? }
    var user: PortalUser?
    var data: Nested?
}

/// A conditional GET's outcome.
public enum Fetched<Value: Sendable>: Sendable {
    case modified(Value, etag: String?)
    /// `304`: what the caller has is still current.
    case notModified

    /// The value, when the server sent one.
    public var value: Value? {
        if case .modified(let value, _) = self { return value }
        return nil
    }
}

extension Fetched: Equatable where Value: Equatable {}

/// One page of a list and where it sits.
public struct Paged<Item: Sendable>: Sendable {
    public var items: [Item]
    public var pagination: Pagination
}

extension Paged: Equatable where Item: Equatable {}
extension Paged: Codable where Item: Codable {}
