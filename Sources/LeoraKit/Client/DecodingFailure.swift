/// A readable reason for a body that is not what the contract says.
enum DecodingFailure {
    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context): "missing \(path(context.codingPath + [key]))"
        case .typeMismatch(_, let context): "\(path(context.codingPath)) has the wrong type"
        case .valueNotFound(_, let context): "\(path(context.codingPath)) is null"
        case .dataCorrupted(let context): context.codingPath.isEmpty ? "not JSON" : "\(path(context.codingPath)) is not valid"
        @unknown default: "not what the contract says"
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingPrefix(".").description
    }
}

extension String {
    func trimmingPrefix(_ prefix: String) -> Substring {
        hasPrefix(prefix) ? dropFirst(prefix.count) : Substring(self)
    }
}
