import Foundation
import PostgresNIO

/// Values bound by name (`:tenant`, `:now`) in SQL written for PostgreSQL, as the SQLite code binds them.
typealias SQLArguments = [String: (any PostgresThrowingDynamicTypeEncodable)?]

/// SQL with `:name` parameters, turned into PostgreSQL's `$1…` and its binds. `::type` casts and text
/// inside quotes are left alone; each name is bound once however often it appears.
enum NamedSQL {
    static func query(_ sql: String, _ arguments: SQLArguments) throws -> PostgresQuery {
        var text = ""
        text.reserveCapacity(sql.utf8.count)
        var bindings = PostgresBindings()
        var positions: [String: Int] = [:]
        let characters = Array(sql.unicodeScalars)
        var index = 0
        var inQuote = false
        while index < characters.count {
            let character = characters[index]
            if character == "'" { inQuote.toggle() }
            let isParameter =
                !inQuote && character == ":" && index + 1 < characters.count && Self.startsName(characters[index + 1])
                && (index == 0 || characters[index - 1] != ":")
            guard isParameter else {
                text.unicodeScalars.append(character)
                index += 1
                continue
            }
            var end = index + 1
            while end < characters.count, Self.continuesName(characters[end]) { end += 1 }
            let name = String(String.UnicodeScalarView(characters[(index + 1)..<end]))
            let position: Int
            if let known = positions[name] {
                position = known
            } else {
                guard let value = arguments[name] else { preconditionFailure("SQL names :\(name) but nothing binds it") }
                if let value { try bindings.append(value) } else { bindings.appendNull() }
                position = positions.count + 1
                positions[name] = position
            }
            text += "$\(position)"
            index = end
        }
        return PostgresQuery(unsafeSQL: text, binds: bindings)
    }

    private static func startsName(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic && scalar.isASCII || scalar == "_"
    }

    private static func continuesName(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) || scalar == "_"
    }
}

/// A fetched row read by column name: `let id: String = try row["id"]`.
struct SQLRow: Sendable {
    let cells: PostgresRandomAccessRow

    init(_ row: PostgresRow) { cells = row.makeRandomAccess() }

    subscript<Value: PostgresDecodable>(_ column: String) -> Value {
        get throws { try cells[column].decode(Value.self) }
    }

    func contains(_ column: String) -> Bool { cells.contains(column) }
}

extension PostgresConnection {
    /// Every row of a statement with named parameters.
    func rows(_ sql: String, _ arguments: SQLArguments = [:], logger: Logger) async throws -> [SQLRow] {
        var rows: [SQLRow] = []
        for try await row in try await query(NamedSQL.query(sql, arguments), logger: logger) { rows.append(SQLRow(row)) }
        return rows
    }

    /// Runs a statement with named parameters; how many rows it returned (add `RETURNING` to count changed rows).
    @discardableResult
    func run(_ sql: String, _ arguments: SQLArguments = [:], logger: Logger) async throws -> Int {
        try await perform(NamedSQL.query(sql, arguments), logger: logger)
    }

    /// Runs a query to its end (every row read, so the connection is ready for the next); how many rows it returned.
    @discardableResult
    func perform(_ statement: PostgresQuery, logger: Logger) async throws -> Int {
        var count = 0
        for try await _ in try await query(statement, logger: logger) { count += 1 }
        return count
    }
}
