/// The success envelope: `{ "success": true, "data": ..., "meta": ... }`.
public struct Envelope<Payload: Codable & Sendable>: Codable, Sendable {
    public var success: Bool
    public var data: Payload
    public var meta: Meta?

    public init(data: Payload, meta: Meta? = nil) {
        self.success = true
        self.data = data
        self.meta = meta
    }
}

/// `meta` of paginated list responses.
public struct Meta: Codable, Sendable, Equatable {
    public var pagination: Pagination
    public init(pagination: Pagination) { self.pagination = pagination }
}

public struct Pagination: Codable, Sendable, Equatable {
    public var page: Int
    public var limit: Int
    public var total: Int
    public var totalPages: Int

    public init(page: Int, limit: Int, total: Int) {
        self.page = page
        self.limit = limit
        self.total = total
        self.totalPages = total == 0 ? 0 : (total + limit - 1) / limit
    }
}

/// The error envelope: `{ "success": false, "error": { code, message, details } }`.
public struct ErrorEnvelope: Codable, Sendable, Equatable {
    public var success: Bool
    public var error: ErrorBody

    public init(code: ErrorCode, message: String, details: JSONValue? = nil) {
        self.success = false
        self.error = ErrorBody(code: code.rawValue, message: message, details: details)
    }
}

public struct ErrorBody: Codable, Sendable, Equatable {
    /// Kept as a string so a client can read codes this version does not know.
    public var code: String
    public var message: String
    public var details: JSONValue?

    public init(code: String, message: String, details: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.details = details
    }
}

/// An empty `data` object: `{}`.
public struct EmptyPayload: Codable, Sendable, Equatable {
    public init() {}
}
