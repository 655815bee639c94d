import Foundation
import PortalAPI
import Testing

@testable import LeoraKit

/// The cache as the one owner of optimistic state: observers see the count of changes in flight,
/// the settled value in one step, states they can order, and nothing from before a `clear()`.
@Suite("QueryClient as the owner of optimistic state")
struct QueryClientOwnershipTests {
    static let key: QueryKey = ["cart"]

    @Test("an observer sees the changes in flight counted, then the confirmed value in one step")
    func pendingCountAndOneStepSettle() async throws {
        let clock = QueryTestClock()
        let client = makeQueryClient(clock)
        await client.setQueryData(Self.key, QueryTestCart(lines: ["a": 1]))
        var states = await client.observe(Self.key, as: QueryTestCart.self).makeAsyncIterator()
        let first = await states.next()
        #expect(first?.pendingMutations == 0)
        let change = Task {
            try await client.mutate(
                Mutation<QueryTestCart>(
                    optimisticUpdates: [QueryClientMutationTests.setLine("b", 2)],
                    confirmedWrites: { [.set(Self.key, to: $0)] }
                ) {
                    try await clock.sleep(for: .seconds(1))
                    return QueryTestCart(lines: ["a": 1, "b": 2, "server": 1])
                })
        }
        let optimistic = await states.next()
        #expect(optimistic?.data?.lines == ["a": 1, "b": 2])
        #expect(optimistic?.pendingMutations == 1)
        await clock.waitForSleeper(after: .seconds(1))
        clock.advance(by: .seconds(1))
        _ = try await change.value
        let settled = await states.next()
        #expect(settled?.data?.lines == ["a": 1, "b": 2, "server": 1], "never the old value in between")
        #expect(settled?.pendingMutations == 0)
        #expect((settled?.revision ?? 0) > (optimistic?.revision ?? 0))
        #expect(await client.state(of: Self.key, as: QueryTestCart.self)?.revision == settled?.revision)
    }

    @Test("invalidatesOnFailure refetches only when the change failed")
    func invalidationOnFailureOnly() async throws {
        let clock = QueryTestClock()
        let client = makeQueryClient(clock, maxRetries: 0)
        let fetches = QueryCallCounter()
        let fetcher: QueryFetcher<QueryTestCart> = { _ in
            fetches.record("fetch")
            return .modified(QueryTestCart(lines: ["a": 1]), etag: nil)
        }
        var states = await client.observe(Self.key, fetcher: fetcher).makeAsyncIterator()
        _ = await nextState(&states) { $0.data != nil }
        let before = fetches.events.count
        try await client.mutate(Mutation<Void>(invalidatesOnFailure: [Self.key]) {})
        #expect(await client.entries[Self.key]?.isInvalidated == false)
        await #expect(throws: QueryFailure.self) {
            try await client.mutate(Mutation<Void>(invalidatesOnFailure: [Self.key]) { throw QueryFailure.http(status: 500) })
        }
        await client.waitForFetch(Self.key)
        #expect(fetches.events.count == before + 1, "one refetch, after the failure")
    }

    @Test("a mutation built from the value shown sees the changes started before it")
    func basedOnTheValueShown() async throws {
        let clock = QueryTestClock()
        let client = makeQueryClient(clock)
        await client.setQueryData(Self.key, QueryTestCart(lines: ["a": 1]))
        let sent = QueryCallCounter()
        @Sendable func oneMore() async throws {
            try await client.mutate(basedOn: Self.key, as: QueryTestCart.self) { shown in
                let quantity = (shown?.lines["a"] ?? 0) + 1
                return Mutation<Void>(scope: .cart, optimisticUpdates: [QueryClientMutationTests.setLine("a", quantity)]) {
                    sent.record("\(quantity)")
                }
            }
        }
        async let first: Void = oneMore()
        async let second: Void = oneMore()
        _ = try await (first, second)
        #expect(sent.events.sorted() == ["2", "3"])
    }

    @Test("after clear(), a mutation that started before settles without writing")
    func clearDropsWhatWasInFlight() async throws {
        let clock = QueryTestClock()
        let client = makeQueryClient(clock)
        await client.setQueryData(Self.key, QueryTestCart(lines: ["old": 1]))
        let change = Task {
            try await client.mutate(
                Mutation<QueryTestCart>(
                    optimisticUpdates: [QueryClientMutationTests.setLine("b", 2)], invalidates: [Self.key],
                    confirmedWrites: { [.set(Self.key, to: $0)] }
                ) {
                    try await clock.sleep(for: .seconds(1))
                    return QueryTestCart(lines: ["old": 1, "b": 2])
                })
        }
        await clock.waitForSleeper(after: .seconds(1))
        await client.clear()
        clock.advance(by: .seconds(1))
        _ = try await change.value
        #expect(await client.getQueryData(Self.key, as: QueryTestCart.self) == nil, "the old session's answer never lands")
        #expect(await client.keys().isEmpty)
    }
}
