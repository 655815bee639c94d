import Foundation
import Testing
@testable import LeoraKit

@Suite("QueryClient idle limit")
struct QueryClientIdleLimitTests {
    static func page(_ number: Int) -> QueryKey { ["orders", "list", "", "", "", "50", "\(number)"] }

    @Test("walking 2,000 pages keeps at most the limit of idle pages, the most recently used; a dropped page is fetched again")
    func walkStaysBounded() async throws {
        let clock = QueryTestClock()
        let client = QueryClient(clock: clock, retryPolicy: QueryRetryPolicy(maxRetries: 0, random: { 0 }), idleLimit: 10)
        let counter = QueryCallCounter()
        for number in 1...2_000 {
            let value = try await client.fetch(Self.page(number), as: [Int].self, fetcher: countingFetcher(counter) { _ in [number] })
            #expect(value == [number])
            #expect(await client.keys(matching: ["orders", "list"]).count <= 10)
        }
        #expect(counter.value == 2_000)
        let kept = await client.keys(matching: ["orders", "list"]).compactMap { Int($0.parts.last!) }.sorted()
        #expect(kept == Array(1_991...2_000))
        // Page 1 was dropped: reading it again asks the fetcher; page 2,000 is still held and fresh.
        #expect(try await client.fetch(Self.page(1), as: [Int].self, fetcher: countingFetcher(counter) { _ in [1] }) == [1])
        #expect(counter.value == 2_001)
        #expect(try await client.fetch(Self.page(2_000), as: [Int].self, fetcher: countingFetcher(counter) { _ in [0] }) == [2_000])
        #expect(counter.value == 2_001)
    }

    @Test("an observed or loading page is never dropped, and other families keep theirs")
    func observedAndLoadingKept() async throws {
        let clock = QueryTestClock()
        let client = QueryClient(clock: clock, retryPolicy: QueryRetryPolicy(maxRetries: 0, random: { 0 }), idleLimit: 2)
        _ = try await client.fetch(["cart"], as: Int.self) { _ in .modified(7, etag: nil) }
        let observed = await client.observe(Self.page(1), as: Int.self) { _ in .modified(1, etag: nil) }
        var states = observed.makeAsyncIterator()
        _ = await nextState(&states) { $0.data == 1 }
        // A fetch that waits on the clock: loading all the while the walk goes on.
        let loading = Task {
            try await client.fetch(Self.page(2), as: Int.self) { _ in
                try await clock.sleep(for: .seconds(30))
                return .modified(2, etag: nil)
            }
        }
        await clock.waitForSleeper(after: .seconds(30))
        for number in 3...50 {
            _ = try await client.fetch(Self.page(number), as: Int.self) { _ in .modified(number, etag: nil) }
        }
        let kept = Set(await client.keys(matching: ["orders", "list"]).compactMap { Int($0.parts.last!) })
        #expect(kept == [1, 2, 49, 50])
        #expect(await client.getQueryData(["cart"], as: Int.self) == 7)
        clock.advance(by: .seconds(30))
        #expect(try await loading.value == 2)
        #expect(await client.getQueryData(Self.page(1), as: Int.self) == 1)
    }
}
