#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI

/// A readable reason for a body that is not what the contract says: which field, and why.
enum DecodingFailure {
    /// `decodes` tells whether a changed body would decode; it lets a number that Foundation only
    /// reports as "not valid JSON" be found and named (`MisfitNumber`).
    static func describe(_ error: DecodingError, body: Data = Data(), decodes: (Data) -> Bool = { _ in false }) -> String {
        switch error {
        case .keyNotFound(let key, let context): "missing \(path(context.codingPath + [key]))"
        case .typeMismatch(_, let context): "\(path(context.codingPath)) has the wrong type"
        case .valueNotFound(_, let context): "\(path(context.codingPath)) is null"
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            MisfitNumber.describe(in: body, decodes: decodes) ?? (isJSON(body) ? "JSON, but not what the contract says" : "not JSON")
        case .dataCorrupted(let context): "\(path(context.codingPath)) is not valid"
        @unknown default: "not what the contract says"
        }
    }

    private static func isJSON(_ body: Data) -> Bool { (try? JSONDecoder().decode(JSONValue.self, from: body)) != nil }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingPrefix(".").description
    }
}

extension String {
    func trimmingPrefix(_ prefix: String) -> Substring {
        hasPrefix(prefix) ? dropFirst(prefix.count) : Substring(self)
    }
}
