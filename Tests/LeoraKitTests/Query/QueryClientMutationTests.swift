import Foundation
import Testing
@testable import LeoraKit

@Suite("QueryClient mutations")
struct QueryClientMutationTests {
    static let cartKey: QueryKey = ["cart"]

    static func setLine(_ product: String, _ quantity: Int) -> OptimisticUpdate {
        .update(cartKey, as: QueryTestCart.self) { cart in
            var cart = cart ?? QueryTestCart()
            cart.lines[product] = quantity
            return cart
        }
    }

    @Test("onMutate cancels the key's fetch, applies the change and clears the ETag; an error rolls it back")
    func optimisticRollback() async throws {
        let clock = QueryTestClock()
        let client = makeQueryClient(clock)
        let etags = QueryCallCounter()
        let fetcher: QueryFetcher<QueryTestCart> = { context in
            etags.record(context.etag ?? "none")
            return .modified(QueryTestCart(lines: ["a": 1]), etag: "\"v1\"")
        }
        var states = await client.observe(Self.cartKey, fetcher: fetcher).makeAsyncIterator()
        _ = await nextState(&states) { $0.data != nil }

        let mutation = Mutation<Void>(
            scope: .cart, optimisticUpdates: [Self.setLine("b", 3)], invalidates: Invalidation.keys(for: .cartChange)
        ) {
            try await clock.sleep(for: .seconds(1))
            throw QueryFailure.http(status: 409, message: "INSUFFICIENT_STOCK")
        }
        let running = Task { try await client.mutate(mutation) }
        let optimistic = await nextState(&states) { $0.data?.lines["b"] == 3 }
        #expect(optimistic?.data == QueryTestCart(lines: ["a": 1, "b": 3]))
        #expect(await client.entries[Self.cartKey]?.etag == nil)

        await clock.waitForSleeper(after: .seconds(1))
        clock.advance(by: .seconds(1))
        await #expect(throws: QueryFailure.http(status: 409, message: "INSUFFICIENT_STOCK")) { try await running.value }
        let rolledBack = await nextState(&states) { $0.data?.lines["b"] == nil }
        #expect(rolledBack?.data == QueryTestCart(lines: ["a": 1]))
        await client.waitForFetch(Self.cartKey)
        #expect(etags.events == ["none", "none"], "the settle refetch does not revalidate against the pre-mutation ETag")
    }

    @Test("two overlapping mutations on one key: the failing one rolls back only its own change")
    func overlappingRollback() async throws {
        let clock = QueryTestClock()
        let client = makeQueryClient(clock)
        await client.setQueryData(Self.cartKey, QueryTestCart(lines: ["a": 1]))
        let failing = Task {
            try await client.mutate(Mutation<Void>(optimisticUpdates: [Self.setLine("b", 1)]) {
                try await clock.sleep(for: .seconds(1))
                throw QueryFailure.http(status: 409)
            })
        }
        await clock.waitForSleeper(after: .seconds(1))
        let succeeding = Task {
            try await client.mutate(Mutation<Void>(optimisticUpdates: [Self.setLine("c", 2)]) {
                try await clock.sleep(for: .seconds(2))
            })
        }
        await clock.waitForSleeper(after: .seconds(2))
        #expect(await client.getQueryData(Self.cartKey, as: QueryTestCart.self)?.lines == ["a": 1, "b": 1, "c": 2])

        clock.advance(by: .seconds(1))
        await #expect(throws: QueryFailure.self) { try await failing.value }
        #expect(
            await client.getQueryData(Self.cartKey, as: QueryTestCart.self)?.lines == ["a": 1, "c": 2],
            "b is rolled back; c, still in flight, stays")

        clock.advance(by: .seconds(1))
        try await succeeding.value
        #expect(await client.getQueryData(Self.cartKey, as: QueryTestCart.self)?.lines == ["a": 1, "c": 2])
        #expect(await client.entries[Self.cartKey]?.activeMutations == 0)
    }

    @Test("a confirmed write replaces the optimistic change with the server's value")
    func confirmedWrite() async throws {
        let client = makeQueryClient(QueryTestClock())
        await client.setQueryData(Self.cartKey, QueryTestCart(lines: ["a": 1]))
        let mutation = Mutation<QueryTestCart>(
            optimisticUpdates: [Self.setLine("a", 5)],
            confirmedWrites: { [.set(Self.cartKey, to: $0, etag: "\"v2\"")] }
        ) { QueryTestCart(lines: ["a": 4]) }
        let answer = try await client.mutate(mutation)
        #expect(answer.lines == ["a": 4])
        #expect(await client.getQueryData(Self.cartKey, as: QueryTestCart.self)?.lines == ["a": 4])
        #expect(await client.entries[Self.cartKey]?.etag == "\"v2\"")
    }

    @Test("mutations in one scope run serially, in order; their optimistic changes show at once")
    func serialScope() async throws {
        let clock = QueryTestClock()
        let client = makeQueryClient(clock)
        let log = QueryCallCounter()
        await client.setQueryData(Self.cartKey, QueryTestCart())
        func change(_ name: String, _ quantity: Int, takes seconds: Int) -> Mutation<Void> {
            Mutation(scope: .cart, optimisticUpdates: [Self.setLine(name, quantity)]) {
                log.record("\(name) start")
                try await clock.sleep(for: .seconds(seconds))
                log.record("\(name) end")
            }
        }
        let first = Task { try await client.mutate(change("a", 1, takes: 2)) }
        await clock.waitForSleeper(after: .seconds(2))
        let second = Task { try await client.mutate(change("b", 2, takes: 1)) }
        let queued = await queryEventually { await client.waitingMutations(in: .cart) == 1 }
        #expect(queued)
        let third = Task { try await client.mutate(change("c", 3, takes: 1)) }
        let queuedTwo = await queryEventually { await client.waitingMutations(in: .cart) == 2 }
        #expect(queuedTwo)
        #expect(await client.getQueryData(Self.cartKey, as: QueryTestCart.self)?.lines == ["a": 1, "b": 2, "c": 3])
        #expect(log.events == ["a start"])

        clock.advance(by: .seconds(2))
        try await first.value
        await clock.waitForSleeper(after: .seconds(1))
        #expect(log.events == ["a start", "a end", "b start"])
        clock.advance(by: .seconds(1))
        try await second.value
        await clock.waitForSleeper(after: .seconds(1))
        clock.advance(by: .seconds(1))
        try await third.value
        #expect(log.events == ["a start", "a end", "b start", "b end", "c start", "c end"])
    }

    @Test("a fetch that began before a mutation never overwrites the optimistic or confirmed state")
    func earlierFetchDropped() async throws {
        let clock = QueryTestClock()
        let client = makeQueryClient(clock)
        let counter = QueryCallCounter()
        // Ignores cancellation, like a request already on the wire.
        let fetcher: QueryFetcher<QueryTestCart> = { _ in
            let call = counter.increment()
            if call == 1 { try? await clock.sleep(for: .seconds(10)) }
            if call == 2 { try? await clock.sleep(for: .seconds(20)) }
            return .modified(QueryTestCart(lines: ["stale": call]), etag: nil)
        }
        await client.setQueryData(Self.cartKey, QueryTestCart(lines: ["a": 1]))
        await client.invalidate(Self.cartKey)
        let reader = Task { try await client.fetch(Self.cartKey, fetcher: fetcher) }
        #expect(try await reader.value == QueryTestCart(lines: ["a": 1]), "stale data at once")
        await clock.waitForSleeper(after: .seconds(10))

        let mutation = Mutation<Void>(optimisticUpdates: [Self.setLine("a", 9)]) {
            try await clock.sleep(for: .seconds(5))
        }
        let mutating = Task { try await client.mutate(mutation) }
        await clock.waitForSleeper(after: .seconds(5))
        clock.advance(by: .seconds(5))
        try await mutating.value
        #expect(await client.getQueryData(Self.cartKey, as: QueryTestCart.self)?.lines == ["a": 9])

        // A read started while nothing is in flight, then a confirmed write lands first.
        _ = try await client.fetch(Self.cartKey, fetcher: fetcher)
        await clock.waitForSleeper(until: clock.now.addingTimeInterval(20))
        await client.setQueryData(Self.cartKey, QueryTestCart(lines: ["a": 10]))

        clock.advance(by: .seconds(20))
        await client.waitForFetch(Self.cartKey)
        let settled = await queryEventually { counter.value == 2 }
        #expect(settled)
        let droppedAll = await queryEventually { await client.entries[Self.cartKey]?.inFlight == nil }
        #expect(droppedAll)
        #expect(await client.getQueryData(Self.cartKey, as: QueryTestCart.self)?.lines == ["a": 10])
    }

    @Test("a fetch during an active mutation is dropped too")
    func fetchDuringMutationDropped() async throws {
        let clock = QueryTestClock()
        let client = makeQueryClient(clock)
        await client.setQueryData(Self.cartKey, QueryTestCart(lines: ["a": 1]))
        let mutating = Task {
            try await client.mutate(Mutation<Void>(optimisticUpdates: [Self.setLine("a", 2)]) {
                try await clock.sleep(for: .seconds(5))
            })
        }
        await clock.waitForSleeper(after: .seconds(5))
        await client.invalidate(Self.cartKey)
        let read = try await client.fetch(Self.cartKey, as: QueryTestCart.self) { _ in
            .modified(QueryTestCart(lines: ["a": 1]), etag: "\"old\"")
        }
        #expect(read.lines == ["a": 2])
        await client.waitForFetch(Self.cartKey)
        #expect(await client.getQueryData(Self.cartKey, as: QueryTestCart.self)?.lines == ["a": 2])
        clock.advance(by: .seconds(5))
        try await mutating.value
    }

    @Test("mutations that need the network are refused while offline, with nothing applied")
    func offlineRefused() async throws {
        let client = makeQueryClient(QueryTestClock(), online: false)
        await client.setQueryData(Self.cartKey, QueryTestCart(lines: ["a": 1]))
        await #expect(throws: QueryClientError.offline) {
            try await client.mutate(Mutation<Void>(optimisticUpdates: [Self.setLine("a", 2)]) {})
        }
        #expect(await client.getQueryData(Self.cartKey, as: QueryTestCart.self)?.lines == ["a": 1])
    }

    @Test("onSettled invalidates the listed keys after success and after failure")
    func settleInvalidates() async throws {
        let client = makeQueryClient(QueryTestClock())
        for key in [["orders", "list"], ["inventory"], ["products", "p1"], ["customers"]] as [QueryKey] {
            await client.setQueryData(key, 1)
        }
        try await client.mutate(Mutation<Void>(invalidates: Invalidation.keys(for: .orderCancelled)) {})
        #expect(await client.state(of: ["orders", "list"], as: Int.self)?.isStale == true)
        #expect(await client.state(of: ["inventory"], as: Int.self)?.isStale == true)
        #expect(await client.state(of: ["products", "p1"], as: Int.self)?.isStale == true)
        #expect(await client.state(of: ["customers"], as: Int.self)?.isStale == false)

        await client.setQueryData(["cart"], 1)
        await #expect(throws: QueryFailure.self) {
            try await client.mutate(Mutation<Void>(invalidates: Invalidation.keys(for: .cartChange)) {
                throw QueryFailure.http(status: 500)
            })
        }
        #expect(await client.state(of: ["cart"], as: Int.self)?.isStale == true)
    }

    @Test("the invalidation table")
    func invalidationTable() {
        let all: [QueryKey] = [["cart"], ["orders"], ["inventory"], ["products"], ["briefing"], ["metrics"]]
        #expect(Invalidation.keys(for: .cartChange) == [["cart"]])
        #expect(Invalidation.keys(for: .checkout) == all)
        #expect(Invalidation.keys(for: .orderPlaced) == all)
        #expect(Invalidation.keys(for: .orderCancelled) == Array(all.dropFirst()))
        #expect(MutationKind.allCases.allSatisfy { Invalidation.table[$0] != nil })
    }
}
