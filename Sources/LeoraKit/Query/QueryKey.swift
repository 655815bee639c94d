#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Identifies a cached query, TanStack-style: an array of string parts whose first part
/// names the resource (`["orders", "list", "pending", "1"]`).
///
/// Keys match by prefix: `["orders"]` covers every orders list and detail, which is how
/// invalidation and cancellation address whole families of queries.
public struct QueryKey: Hashable, Sendable, Codable, ExpressibleByArrayLiteral, CustomStringConvertible {
    /// The parts, most general first.
    public var parts: [String]

    public init(_ parts: [String]) {
        self.parts = parts
    }

    public init(_ parts: String...) {
        self.parts = parts
    }

    public init(arrayLiteral elements: String...) {
        self.parts = elements
    }

    /// The first part: the resource the key belongs to (`"orders"`, `"cart"`…).
    public var resource: String? { parts.first }

    /// Whether `prefix`'s parts are the leading parts of this key. The empty key is a
    /// prefix of every key.
    public func hasPrefix(_ prefix: QueryKey) -> Bool {
        parts.starts(with: prefix.parts)
    }

    /// This key with more parts after it.
    public func appending(_ more: String...) -> QueryKey {
        QueryKey(parts + more)
    }

    public var description: String {
        "[" + parts.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
    }

    /// Encoded as a plain JSON array of strings.
    public init(from decoder: any Decoder) throws {
        parts = try decoder.singleValueContainer().decode([String].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(parts)
    }
}
