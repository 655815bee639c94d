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

    private static func integer(_ value: Substring?, field: String) throws -> Int? {
        guard let value, !value.isEmpty else { return nil }
        guard let number = Int(value) else { throw APIError.validation(field: field, "\(field) must be an integer") }
        return number
    }
}

extension Request {
    /// A query parameter, percent-decoded, or nil when absent or empty.
    func query(_ name: String) -> String? {
        guard let value = uri.queryParameters[name.utf8Substring], !value.isEmpty else { return nil }
        return String(value)
    }
}

extension String {
    fileprivate var utf8Substring: Substring { Substring(self) }
}

/// A page of rows and the total they were cut from.
struct Page<Row: Sendable>: Sendable {
    var rows: [Row]
    var total: Int
}
