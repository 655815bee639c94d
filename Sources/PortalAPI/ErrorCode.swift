/// Every `error.code` of the contract, with its HTTP status.
public enum ErrorCode: String, Codable, Sendable, CaseIterable {
    case invalidJSON = "INVALID_JSON"
    case validationError = "VALIDATION_ERROR"
    case unauthorized = "UNAUTHORIZED"
    case tokenExpired = "TOKEN_EXPIRED"
    case invalidCredentials = "INVALID_CREDENTIALS"
    case forbidden = "FORBIDDEN"
    case notFound = "NOT_FOUND"
    case methodNotAllowed = "METHOD_NOT_ALLOWED"
    case insufficientStock = "INSUFFICIENT_STOCK"
    case idempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED"
    case cartChanged = "CART_CHANGED"
    case orderNotCancellable = "ORDER_NOT_CANCELLABLE"
    case emptyCart = "EMPTY_CART"
    case customerRequired = "CUSTOMER_REQUIRED"
    case rateLimited = "RATE_LIMITED"
    case internalError = "INTERNAL"
    case unavailable = "UNAVAILABLE"

    public var httpStatus: Int {
        switch self {
        case .invalidJSON, .validationError: 400
        case .unauthorized, .tokenExpired, .invalidCredentials: 401
        case .forbidden: 403
        case .notFound: 404
        case .methodNotAllowed: 405
        case .insufficientStock, .idempotencyKeyReused, .cartChanged, .orderNotCancellable: 409
        case .emptyCart, .customerRequired: 422
        case .rateLimited: 429
        case .internalError: 500
        case .unavailable: 503
        }
    }
}
