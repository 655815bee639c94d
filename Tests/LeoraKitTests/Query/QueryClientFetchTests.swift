import Foundation
import Testing
@testable import LeoraKit

@Suite("QueryClient fetching")
struct QueryClientFetchTests {
    @Test("fresh data is served from cache without refetching, per class stale time")
    func freshThenStaleByClass() async throws {
        let cases: [(QueryKey, Duration)] = [
            (["products", "list"], .seconds(600)),
            (["settings"], .seconds(600)),
            (["orders", "list", "pending", "1"], .seconds(60)),
            (["cart"], .seconds(60)),
            (["customers", "list"], .seconds(60)),
            (["inventory"], .seconds(5)),
        ]
        for (key, staleTime) in cases {
            let clock = QueryTestClock()
            let client = makeQueryClient(clock)
            let counter = QueryCallCounter()
            let fetcher: QueryFetcher<Int> = countingFetcher(counter) { $0 }
            #expect(try await client.fetch(key, fetcher: fetcher) == 1)
            clock.advance(by: staleTime - .milliseconds(1))
            #expect(try await client.fetch(key, fetcher: fetcher) == 1)
            #expect(counter.value == 1, "fresh \(key) must not refetch")
            clock.advance(by: .milliseconds(1))
            #expect(try await client.fetch(key, fetcher: fetcher) == 1, "stale data is served at once")
            await client.waitForFetch(key)
            #expect(counter.value == 2, "stale \(key) refetches in the background")
            #expect(await client.getQueryData(key, as: Int.self) == 2)
        }
    }

    @Test("class options by resource")
    func optionsForKey() {
        #expect(QueryOptions.forKey(["products", "1"]) == QueryOptions(staleTime: .seconds(600), gcTime: .seconds(900)))
        #expect(QueryOptions.forKey(["orders"]) == QueryOptions(staleTime: .seconds(60), gcTime: .seconds(300)))
        #expect(QueryOptions.forKey(["inventory"]) == QueryOptions(staleTime: .seconds(5), gcTime: .seconds(30)))
        #expect(QueryOptions.forKey(["briefing"]) == .dynamic)
        #expect(QueryOptions.forKey([]) == .dynamic)
    }

    @Test("stale-while-revalidate: observers see the stale data, then fetching, then the new data")
    func staleWhileRevalidate() async throws {
        let clock = QueryTestClock()
        let client = makeQueryClient(clock)
        let counter = QueryCallCounter()
        let key: QueryKey = ["orders", "list"]
        let fetcher: QueryFetcher<String> = { _ in
            let call = counter.increment()
            if call > 1 { try await clock.sleep(for: .seconds(1)) }
            return .modified("v\(call)", etag: nil)
        }
        _ = try await client.fetch(key, fetcher: fetcher)
        var states = await client.observe(key, as: String.self).makeAsyncIterator()
        let first = await states.next()
        #expect(first?.data == "v1")
        #expect(first?.isStale == false)

        clock.advance(by: .seconds(61))
        #expect(try await client.fetch(key, fetcher: fetcher) == "v1")
        let fetching = await nextState(&states) { $0.fetchStatus == .fetching }
        #expect(fetching?.data == "v1")
        #expect(fetching?.isStale == true)

        await clock.waitForSleeper(after: .seconds(1))
        clock.advance(by: .seconds(1))
        let updated = await nextState(&states) { $0.data == "v2" }
        #expect(updated?.fetchStatus == .idle)
        #expect(updated?.isStale == false)
        #expect(updated?.dataUpdatedAt == clock.now)
    }

    @Test("five concurrent fetches of one key share one fetcher call")
    func deduplication() async throws {
        let clock = QueryTestClock()
        let client = makeQueryClient(clock)
        let counter = QueryCallCounter()
        let key: QueryKey = ["products", "list"]
        let fetcher: QueryFetcher<Int> = { _ in
            counter.increment()
            try await clock.sleep(for: .seconds(1))
            return .modified(42, etag: nil)
        }
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<5 { group.addTask { try await client.fetch(key, fetcher: fetcher) } }
            let joined = await queryEventually { await client.entries[key]?.inFlight?.joiners == 5 }
            #expect(joined)
            clock.advance(by: .seconds(1))
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results == [42, 42, 42, 42, 42])
        #expect(counter.value == 1)
    }

    @Test("a 304 keeps the value, sends the ETag and refreshes the age")
    func notModified() async throws {
        let clock = QueryTestClock()
        let client = makeQueryClient(clock)
        let seen = QueryCallCounter()
        let key: QueryKey = ["cart"]
        let fetcher: QueryFetcher<QueryTestCart> = { context in
            seen.record(context.etag ?? "none")
            return context.etag == "\"abc\"" ? .notModified : .modified(QueryTestCart(lines: ["p1": 2]), etag: "\"abc\"")
        }
        _ = try await client.fetch(key, fetcher: fetcher)
        clock.advance(by: .seconds(90))
        let updatedBefore = await client.state(of: key, as: QueryTestCart.self)?.dataUpdatedAt
        #expect(await client.state(of: key, as: QueryTestCart.self)?.isStale == true)
        _ = try await client.fetch(key, fetcher: fetcher)
        await client.waitForFetch(key)
        let state = try #require(await client.state(of: key, as: QueryTestCart.self))
        #expect(seen.events == ["none", "\"abc\""])
        #expect(state.data == QueryTestCart(lines: ["p1": 2]))
        #expect(state.dataUpdatedAt == clock.now)
        #expect(state.dataUpdatedAt != updatedBefore)
        #expect(state.isStale == false)
    }

    @Test("a 304 with nothing cached is an error, not empty data")
    func notModifiedWithoutData() async throws {
        let client = makeQueryClient(QueryTestClock())
        await #expect(throws: QueryClientError.notModifiedWithoutCachedValue(["cart"])) {
            _ = try await client.fetch(["cart"], as: Int.self) { _ in .notModified }
        }
    }

    @Test("a per-entry stale deadline (the briefing's expiresAt) replaces the class stale time, also across 304s")
    func staleOverride() async throws {
        let clock = QueryTestClock()
        let client = makeQueryClient(clock)
        let counter = QueryCallCounter()
        let key: QueryKey = ["briefing"]
        let expiresAt = clock.now.addingTimeInterval(3600)
        let fetcher: QueryFetcher<String> = { context in
            counter.increment()
            return context.etag == nil ? .modified("brief", etag: "e1", staleAt: expiresAt) : .notModified
        }
        _ = try await client.fetch(key, fetcher: fetcher)
        clock.advance(by: .seconds(3599))
        _ = try await client.fetch(key, fetcher: fetcher)
        #expect(counter.value == 1, "fresh until expiresAt, though dynamic data would be stale after 60 s")
        clock.advance(by: .seconds(1))
        _ = try await client.fetch(key, fetcher: fetcher)
        await client.waitForFetch(key)
        #expect(counter.value == 2)
        #expect(await client.state(of: key, as: String.self)?.isStale == true, "a 304 keeps the expiresAt deadline")

        await client.setQueryData(["briefing"], "manual", staleAt: clock.now.addingTimeInterval(10))
        clock.advance(by: .seconds(9))
        #expect(await client.state(of: key, as: String.self)?.isStale == false)
        clock.advance(by: .seconds(1))
        #expect(await client.state(of: key, as: String.self)?.isStale == true)
    }

    @Test("unobserved entries are collected after their gc time, observed ones never")
    func garbageCollection() async throws {
        let clock = QueryTestClock()
        let client = makeQueryClient(clock)
        let counter = QueryCallCounter()
        _ = try await client.fetch(["inventory"], fetcher: countingFetcher(counter) { $0 })
        _ = try await client.fetch(["inventory", "watched"], fetcher: countingFetcher(counter) { $0 })
        let watched = await client.observe(["inventory", "watched"], as: Int.self)

        clock.advance(by: .seconds(29))
        await client.collectGarbage()
        #expect(await client.keys().count == 2, "not before gc time (30 s for inventory)")

        clock.advance(by: .seconds(1))
        await client.collectGarbage()
        #expect(await client.keys() == [["inventory", "watched"]])

        clock.advance(by: .seconds(3600))
        await client.collectGarbage()
        #expect(await client.getQueryData(["inventory", "watched"], as: Int.self) == 2)
        _ = watched
    }

    @Test("gc time starts when the last observer leaves, and the timer collects by itself")
    func garbageCollectionAfterObserverLeaves() async throws {
        let clock = QueryTestClock()
        let client = makeQueryClient(clock)
        let key: QueryKey = ["products", "list"]
        await client.setQueryData(key, 7)
        var observation: AsyncStream<QueryState<Int>>? = await client.observe(key, as: Int.self)
        clock.advance(by: .seconds(3600))
        await client.collectGarbage()
        #expect(await client.getQueryData(key, as: Int.self) == 7)

        observation = nil
        _ = observation
        let left = await queryEventually { await client.entries[key]?.observers.isEmpty == true }
        #expect(left)
        let deadline = clock.now.addingTimeInterval(900)
        await clock.waitForSleeper(until: deadline)
        clock.advance(by: .seconds(900))
        let collected = await queryEventually { await client.keys().isEmpty }
        #expect(collected)
    }

    @Test("invalidate(prefix) marks matching entries stale and refetches only observed ones")
    func invalidatePrefix() async throws {
        let clock = QueryTestClock()
        let client = makeQueryClient(clock)
        let observedCalls = QueryCallCounter()
        let unobservedCalls = QueryCallCounter()
        let otherCalls = QueryCallCounter()
        let observedKey: QueryKey = ["orders", "list", "pending", "1"]
        let unobservedKey: QueryKey = ["orders", "detail", "o1"]
        let otherKey: QueryKey = ["products", "list"]
        var states = await client.observe(observedKey, fetcher: countingFetcher(observedCalls) { $0 }).makeAsyncIterator()
        _ = await nextState(&states) { $0.data == 1 }
        _ = try await client.fetch(unobservedKey, fetcher: countingFetcher(unobservedCalls) { $0 })
        _ = try await client.fetch(otherKey, fetcher: countingFetcher(otherCalls) { $0 })

        await client.invalidate(["orders"])
        _ = await nextState(&states) { $0.data == 2 }
        #expect(observedCalls.value == 2)
        #expect(unobservedCalls.value == 1)
        #expect(await client.state(of: unobservedKey, as: Int.self)?.isStale == true)
        #expect(await client.state(of: otherKey, as: Int.self)?.isStale == false)
        #expect(otherCalls.value == 1)

        _ = try await client.fetch(unobservedKey, fetcher: countingFetcher(unobservedCalls) { $0 })
        await client.waitForFetch(unobservedKey)
        #expect(unobservedCalls.value == 2, "the next read refetches the invalidated entry")
    }

    @Test("setQueryData, getQueryData, cancel and prefetch")
    func directAccess() async throws {
        let clock = QueryTestClock()
        let client = makeQueryClient(clock)
        #expect(await client.getQueryData(["cart"], as: QueryTestCart.self) == nil)
        await client.setQueryData(["cart"], QueryTestCart(lines: ["a": 1]))
        #expect(await client.getQueryData(["cart"], as: QueryTestCart.self) == QueryTestCart(lines: ["a": 1]))
        #expect(await client.getQueryData(["cart"], as: Int.self) == nil, "a different type reads as nothing")
        await client.setQueryData(["cart"], as: QueryTestCart.self) { cart in
            var cart = cart ?? QueryTestCart()
            cart.lines["b"] = 2
            return cart
        }
        #expect(await client.getQueryData(["cart"], as: QueryTestCart.self)?.lines == ["a": 1, "b": 2])

        let counter = QueryCallCounter()
        await client.prefetch(["products", "list"], fetcher: countingFetcher(counter) { _ in "catalogue" })
        #expect(await client.getQueryData(["products", "list"], as: String.self) == "catalogue")
        await client.prefetch(["products", "list"], fetcher: countingFetcher(counter) { _ in "again" })
        #expect(counter.value == 1, "prefetching fresh data does nothing")

        let slow: QueryFetcher<Int> = { _ in
            try await clock.sleep(for: .seconds(5))
            return .modified(1, etag: nil)
        }
        let waiting = Task { try await client.fetch(["orders", "slow"], fetcher: slow) }
        await clock.waitForSleeper(after: .seconds(5))
        await client.cancel(["orders"])
        await #expect(throws: QueryClientError.cancelled(["orders", "slow"])) { try await waiting.value }
        #expect(await client.state(of: ["orders", "slow"], as: Int.self)?.fetchStatus == .idle)
    }

    @Test("a failure is recorded on the entry and keeps earlier data")
    func errorKeepsData() async throws {
        let clock = QueryTestClock()
        let client = makeQueryClient(clock)
        let key: QueryKey = ["orders", "o1"]
        await client.setQueryData(key, "old")
        clock.advance(by: .seconds(120))
        _ = try await client.fetch(key, as: String.self) { _ in throw QueryFailure.http(status: 404) }
        await client.waitForFetch(key)
        let state = try #require(await client.state(of: key, as: String.self))
        #expect(state.data == "old")
        #expect((state.error as? QueryFailure)?.status == 404)
        #expect(state.status == .success)
        await client.remove(["orders"])
        #expect(await client.keys().isEmpty)
    }
}
