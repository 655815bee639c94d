/// The contract's paths. `{id}` marks a path parameter.
public enum Routes {
    public static let login = "/api/portal/auth/login"
    public static let refresh = "/api/portal/auth/refresh"
    public static let me = "/api/portal/auth/me"
    public static let logout = "/api/portal/auth/logout"
    public static let products = "/api/portal/products"
    public static func product(_ id: String) -> String { "\(products)/\(id)" }
    public static let inventory = "/api/portal/inventory"
    public static let customers = "/api/portal/customers"
    public static func customer(_ id: String) -> String { "\(customers)/\(id)" }
    public static let orders = "/api/portal/orders"
    public static func order(_ id: String) -> String { "\(orders)/\(id)" }
    public static func cancelOrder(_ id: String) -> String { "\(orders)/\(id)/cancel" }
    public static let cart = "/api/portal/cart"
    public static let cartItems = "/api/portal/cart/items"
    public static func cartItem(_ id: String) -> String { "\(cartItems)/\(id)" }
    public static let cartCustomer = "/api/portal/cart/customer"
    public static let checkout = "/api/portal/cart/checkout"
    public static let briefing = "/api/portal/insights/briefing"
    public static let metrics = "/api/portal/insights/metrics"
    public static let health = "/api/health"

    /// The path parameters as a route pattern writes them (`Routes.order(Routes.idParameter)` is
    /// `/api/portal/orders/{id}`): how the server registers the routes the client calls.
    public static let idParameter = "{id}"
    public static let itemIdParameter = "{itemId}"

    /// The path of the refresh cookie.
    public static let refreshCookiePath = "/api/portal/auth"
}

/// Names of the headers and cookies the contract uses.
public enum Wire {
    public static let accessCookie = "accessToken"
    public static let refreshCookie = "refreshToken"
    public static let idempotencyKey = "Idempotency-Key"
    public static let retryAfter = "Retry-After"
    /// Version of the contract these types describe.
    public static let contractVersion = "1"
}
