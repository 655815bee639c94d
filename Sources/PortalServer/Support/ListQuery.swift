import Hummingbird

/// Query parameters of list routes, validated as the contract says.
struct ListQuery: Sendable, Equatable {
    var page: Int
    var limit: Int
    /// Rows skipped before this page. A page so far past the end that the product overflows
    /// skips everything (the contract's empty page past the last), never traps.
    var offset: Int {
        let (rows, overflow) = (page - 1).multipliedReportingOverflow(by: limit)
        return overflow ? Int.max : rows
    }

    static func parse(_ request: Request, defaultLimit: Int) throws -> ListQuery {
        let parameters = request.uri.queryParameters
        let page = try integer(parameters["page"], field: "page") ?? 1
        let limit = try integer(parameters["limit"], field: "limit") ?? defaultLimit
        guard page >= 1 else { throw APIError.validation(field: "page", "page must be at least 1") }
        guard (1...100).contains(limit) else { throw APIError.validation(field: "limit", "limit must be between 1 and 100") }
        return ListQuery(page: page, limit: limit)
    }

    /// Absent is nil; an empty value (`page=`) is not an integer, so a 400 like any other.
    private static func integer(_ value: Substring?, field: String) throws -> Int? {
        guard let value else { return nil }
        guard let number = Int(value) else { throw APIError.validation(field: field, "\(field) must be an integer") }
        return number
    }
}

extension Request {
    /// A query parameter, percent-decoded, or nil when absent or empty (an empty filter is no filter).
    func query(_ name: String) throws -> String? {
        guard let value = try queryValue(name), !value.isEmpty else { return nil }
        return value
    }

    /// A query parameter, percent-decoded, or nil when absent; empty when sent empty. For values that
    /// must be well formed when present (a boolean, a timestamp), where `refresh=` is malformed.
    /// A value holding a control character is `400 VALIDATION_ERROR` naming the parameter; handlers read
    /// their parameters after authentication and permissions, so the contract's 401 → 403 → 400 holds.
    func queryValue(_ name: String) throws -> String? {
        guard let value = uri.queryParameters[name.utf8Substring].map(String.init) else { return nil }
        if ControlCharacters.contained(in: value) { throw APIError.validation(field: name, "\(name) must not contain control characters") }
        return value
    }
}

extension String {
    fileprivate var utf8Substring: Substring { Substring(self) }
}

extension Parameters {
    /// A path parameter (an id), refused with `400 VALIDATION_ERROR` when it holds a control character.
    func requireText(_ name: String) throws -> String {
        let value = try require(name)
        if ControlCharacters.contained(in: value) || ControlCharacters.contained(in: value.removingPercentEncoding ?? value) {
            throw APIError.validation(field: name, "\(name) must not contain control characters")
        }
        return value
    }
}

/// A page of rows and the total they were cut from.
struct Page<Row: Sendable>: Sendable {
    var rows: [Row]
    var total: Int
}
