import Hummingbird
import Synchronization

/// The paths the router serves, filled once the routes are added. Tells a wrong method (405) from an
/// unknown path (404), and lets tests compare the router with `openapi.yaml`.
final class RouteIndex: Sendable {
    private let patterns = Mutex<[[Substring]]>([])

    func record(_ routes: [String]) {
        patterns.withLock { $0 = routes.map { $0.split(separator: "/") } }
    }

    /// Whether some route's path (whatever its method) matches `path`.
    func knows(_ path: String) -> Bool {
        let segments = path.split(separator: "/")
        return patterns.withLock { patterns in
            patterns.contains { pattern in
                pattern.count == segments.count
                    && zip(pattern, segments).allSatisfy { expected, actual in expected.hasPrefix("{") || expected == actual }
            }
        }
    }
}
