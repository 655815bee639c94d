import Foundation

/// How many requests the server answered, counted by the server itself (its `/metrics`): what a
/// test of "this costs no request" or "this is fetched again" asserts, whatever the client believes.
extension TestServer {
    /// Requests answered for `method` and `route` (the route's pattern, `/api/portal/orders/{id}`),
    /// whatever their status.
    public func requestCount(_ method: String, _ route: String) async throws -> Int {
        let response = try await client().get("/metrics", headers: [("Authorization", "Bearer \(Self.metricsToken)")])
        guard response.status == 200 else { throw TestFailure("/metrics answered \(response.status)") }
        let wanted = ["method=\"\(method)\"", "route=\"\(route)\""]
        var total = 0.0
        for line in response.text.split(separator: "\n") where line.hasPrefix("portal_http_request_duration_seconds_count{") {
            guard wanted.allSatisfy({ line.contains($0) }), let value = line.split(separator: " ").last.flatMap({ Double($0) }) else { continue }
            total += value
        }
        return Int(total)
    }
}
