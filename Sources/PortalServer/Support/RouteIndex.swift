import Hummingbird
import Synchronization

/// The routes the router serves, filled once they are added. Tells a wrong method (405, with the
/// methods that path does serve for `Allow`) from an unknown path (404).
final class RouteIndex: Sendable {
    private struct Pattern {
        var method: String
        var segments: [Substring]
    }

    private let patterns = Mutex<[Pattern]>([])

    /// `routes` as (method, path pattern) pairs: `("GET", "/api/portal/orders/{id}")`.
    func record(_ routes: [(method: String, path: String)]) {
        patterns.withLock { $0 = routes.map { Pattern(method: $0.method, segments: $0.path.split(separator: "/")) } }
    }

    /// The methods some route serves on `path`, sorted (empty for an unknown path).
    func methods(serving path: String) -> [String] {
        let segments = path.split(separator: "/")
        let methods = patterns.withLock { patterns in
            patterns.filter { pattern in
                pattern.segments.count == segments.count
                    && zip(pattern.segments, segments).allSatisfy { expected, actual in expected.hasPrefix("{") || expected == actual }
            }.map(\.method)
        }
        return Set(methods).sorted()
    }
}
