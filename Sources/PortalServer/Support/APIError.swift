import PortalAPI

/// A failure with a contract error code; the error middleware turns it into the error envelope.
struct APIError: Error, Sendable, Equatable {
    var code: ErrorCode
    var message: String
    var details: JSONValue?
    /// Seconds, sent as `Retry-After` (429 only).
    var retryAfter: Int?
    /// The methods the path serves, sent as `Allow` (405 only).
    var allow: [String]?
    /// An HTTP status other than the code's own (413 for an over-long body, whose code is `VALIDATION_ERROR`).
    var statusOverride: Int?

    init(_ code: ErrorCode, _ message: String, details: JSONValue? = nil, retryAfter: Int? = nil) {
        self.code = code
        self.message = message
        self.details = details
        self.retryAfter = retryAfter
    }

    static func validation(field: String, _ message: String) -> APIError {
        APIError(.validationError, message, details: ["field": .string(field)])
    }

    static func notFound(_ what: String, field: String? = nil) -> APIError {
        APIError(.notFound, "\(what) not found", details: field.map { ["field": .string($0)] })
    }

    static func methodNotAllowed(_ method: String, path: String, allow: [String]) -> APIError {
        var error = APIError(.methodNotAllowed, "\(method) is not allowed on \(path)")
        error.allow = allow
        return error
    }

    static func bodyTooLarge(limit: Int) -> APIError {
        var error = APIError(.validationError, "Request body is larger than \(limit) bytes", details: ["field": "body"])
        error.statusOverride = 413
        return error
    }

    static let unauthorized = APIError(.unauthorized, "Authentication required")
    static let forbidden = APIError(.forbidden, "You do not have permission to do this")

    static func insufficientStock(_ shortages: [StockShortage]) -> APIError {
        let lines = shortages.map { shortage -> JSONValue in
            [
                "productId": .string(shortage.productId),
                "requested": .number(Double(shortage.requested)),
                "available": .number(Double(shortage.available)),
            ]
        }
        let noun = shortages.count == 1 ? "line" : "lines"
        return APIError(.insufficientStock, "Not enough stock for \(shortages.count) \(noun)", details: ["lines": .array(lines)])
    }
}
