import Foundation
@testable import LeoraKit

/// A small value for cache tests (named so it cannot shadow `PortalAPI.Cart`).
struct QueryTestCart: Codable, Sendable, Equatable {
    var lines: [String: Int] = [:]
}

/// A fetcher that counts its calls and answers `value` with `etag`.
func countingFetcher<Value: Sendable>(
    _ counter: QueryCallCounter, _ value: @escaping @Sendable (Int) -> Value, etag: String? = nil
) -> QueryFetcher<Value> {
    { _ in
        let call = counter.increment()
        return .modified(value(call), etag: etag)
    }
}

/// A client on a test clock that never jitters.
func makeQueryClient(_ clock: QueryTestClock, maxRetries: Int = 3, online: Bool = true) -> QueryClient {
    QueryClient(clock: clock, retryPolicy: QueryRetryPolicy(maxRetries: maxRetries, random: { 0 }), isOnline: online)
}
