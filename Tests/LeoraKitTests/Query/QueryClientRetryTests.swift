import Foundation
import Testing
@testable import LeoraKit

@Suite("QueryClient retries and offline")
struct QueryClientRetryTests {
    @Test("3 retries with 1 s, 2 s, 4 s backoff, then the error")
    func retriesWithBackoff() async throws {
        let clock = QueryTestClock()
        let client = makeQueryClient(clock)
        let counter = QueryCallCounter()
        let key: QueryKey = ["orders", "list"]
        let fetcher: QueryFetcher<Int> = { context in
            counter.record("attempt \(context.attempt)")
            counter.increment()
            throw QueryFailure.http(status: 503)
        }
        let fetch = Task { try await client.fetch(key, fetcher: fetcher) }
        for (attempt, delay) in [1, 2, 4].enumerated() {
            await clock.waitForSleeper(after: .seconds(delay))
            #expect(counter.value == attempt + 1)
            #expect(await client.state(of: key, as: Int.self)?.failureCount == attempt + 1)
            clock.advance(by: .seconds(delay) - .milliseconds(1))
            #expect(counter.value == attempt + 1, "no retry before the backoff has passed")
            clock.advance(by: .milliseconds(1))
        }
        await #expect(throws: QueryFailure.http(status: 503)) { try await fetch.value }
        #expect(counter.value == 4)
        #expect(counter.events == ["attempt 0", "attempt 1", "attempt 2", "attempt 3"])
        let state = try #require(await client.state(of: key, as: Int.self))
        #expect(state.status == .error)
        #expect(state.fetchStatus == .idle)
    }

    @Test("a retry that succeeds clears the error")
    func retryThenSuccess() async throws {
        let clock = QueryTestClock()
        let client = makeQueryClient(clock)
        let counter = QueryCallCounter()
        let fetcher: QueryFetcher<String> = { _ in
            if counter.increment() == 1 { throw URLError(.timedOut) }
            return .modified("ok", etag: nil)
        }
        let fetch = Task { try await client.fetch(["cart"], fetcher: fetcher) }
        await clock.waitForSleeper(after: .seconds(1))
        clock.advance(by: .seconds(1))
        #expect(try await fetch.value == "ok")
        let state = try #require(await client.state(of: ["cart"], as: String.self))
        #expect(state.error == nil)
        #expect(state.failureCount == 0)
    }

    @Test("no retry for final 4xx answers; 408 and 429 are retried")
    func noRetryOnClientErrors() async throws {
        for status in [400, 401, 403, 404, 409, 422] {
            let client = makeQueryClient(QueryTestClock())
            let counter = QueryCallCounter()
            await #expect(throws: QueryFailure.http(status: status)) {
                _ = try await client.fetch(["orders", "o1"], as: Int.self) { _ in
                    counter.increment()
                    throw QueryFailure.http(status: status)
                }
            }
            #expect(counter.value == 1, "HTTP \(status) is not retried")
        }
        #expect(QueryFailure.http(status: 408).isRetryable)
        #expect(QueryFailure.http(status: 429).isRetryable)
        #expect(QueryFailure.http(status: 500).isRetryable)
        #expect(!QueryFailure.http(status: 404).isRetryable)
    }

    @Test("a 429 is retried after its Retry-After, not the shorter backoff")
    func retryAfterHonoured() async throws {
        let clock = QueryTestClock()
        let client = makeQueryClient(clock)
        let counter = QueryCallCounter()
        let fetcher: QueryFetcher<Int> = { _ in
            if counter.increment() == 1 { throw QueryFailure.http(status: 429, retryAfter: .seconds(7)) }
            return .modified(1, etag: nil)
        }
        let start = clock.now
        let fetch = Task { try await client.fetch(["orders"], fetcher: fetcher) }
        await clock.waitForSleeper(until: start.addingTimeInterval(7))
        #expect(!clock.sleeperDeadlines.contains(start.addingTimeInterval(1)))
        clock.advance(by: .seconds(6))
        #expect(counter.value == 1)
        clock.advance(by: .seconds(1))
        #expect(try await fetch.value == 1)
        #expect(counter.value == 2)
    }

    @Test("backoff doubles, is capped at 30 s, jitters from the random source and never undercuts Retry-After")
    func backoffArithmetic() {
        let plain = QueryRetryPolicy(random: { 0 })
        #expect((0..<7).map { plain.delay(retryIndex: $0) } == [1, 2, 4, 8, 16, 30, 30].map { Duration.seconds($0) })
        let jittered = QueryRetryPolicy(jitter: 0.25, random: { 0.5 })
        #expect(jittered.delay(retryIndex: 0) == .milliseconds(1125))
        #expect(jittered.delay(retryIndex: 2) == .milliseconds(4500))
        #expect(jittered.delay(retryIndex: 10) == .seconds(30), "jitter does not break the cap")
        #expect(plain.delay(retryIndex: 0, retryAfter: .seconds(60)) == .seconds(60))
        #expect(plain.delay(retryIndex: 3, retryAfter: .seconds(2)) == .seconds(8))
        #expect(!plain.shouldRetry(after: CancellationError(), failureCount: 1))
        #expect(plain.shouldRetry(after: URLError(.timedOut), failureCount: 3))
        #expect(!plain.shouldRetry(after: URLError(.timedOut), failureCount: 4))
    }

    @Test("offline: fetches pause (status paused) and resume on reconnect")
    func offlinePausesAndResumes() async throws {
        let clock = QueryTestClock()
        let client = makeQueryClient(clock, online: false)
        let counter = QueryCallCounter()
        let key: QueryKey = ["products", "list"]
        var states = await client.observe(key, fetcher: countingFetcher(counter) { _ in "catalogue" }).makeAsyncIterator()
        let paused = await nextState(&states) { $0.fetchStatus == .paused }
        #expect(paused?.data == nil)
        #expect(counter.value == 0)

        await client.setOnline(true)
        let loaded = await nextState(&states) { $0.data != nil }
        #expect(loaded?.data == "catalogue")
        #expect(loaded?.fetchStatus == .idle)
        #expect(counter.value == 1)
    }

    @Test("an offline error takes the client offline without using up retries; reconnecting resumes")
    func offlineErrorPauses() async throws {
        let clock = QueryTestClock()
        let client = makeQueryClient(clock)
        let counter = QueryCallCounter()
        let key: QueryKey = ["inventory"]
        let fetcher: QueryFetcher<Int> = { _ in
            if counter.increment() <= 2 { throw QueryFailure.offline() }
            return .modified(5, etag: nil)
        }
        var online = await client.observeOnline().makeAsyncIterator()
        #expect(await online.next() == true)
        var states = await client.observe(key, fetcher: fetcher).makeAsyncIterator()
        _ = await nextState(&states) { $0.fetchStatus == .paused }
        #expect(await online.next() == false)
        #expect(await client.isOnline == false)

        await client.setOnline(true)
        _ = await nextState(&states) { $0.fetchStatus == .paused }
        await client.setOnline(true)
        let loaded = await nextState(&states) { $0.data != nil }
        #expect(loaded?.data == 5)
        #expect(loaded?.failureCount == 0)
        #expect(counter.value == 3)
    }

    @Test("cancelling a paused fetch ends it")
    func cancelPaused() async throws {
        let client = makeQueryClient(QueryTestClock(), online: false)
        let waiting = Task { try await client.fetch(["cart"], as: Int.self) { _ in .modified(1, etag: nil) } }
        let paused = await queryEventually { await client.state(of: ["cart"], as: Int.self)?.fetchStatus == .paused }
        #expect(paused)
        await client.cancel(["cart"])
        await #expect(throws: QueryClientError.cancelled(["cart"])) { try await waiting.value }
    }
}

extension QueryClientRetryTests {
    @Test("while a fetch waits to retry, its state says why and until when")
    func aWaitingRetryIsVisible() async throws {
        let clock = QueryTestClock()
        let client = makeQueryClient(clock)
        let counter = QueryCallCounter()
        let key: QueryKey = ["orders", "list"]
        let fetch = Task {
            try await client.fetch(key, as: Int.self) { _ in
                if counter.increment() == 1 { throw QueryFailure.http(status: 429, retryAfter: .seconds(20)) }
                return .modified(7, etag: nil)
            }
        }
        let started = clock.now
        await clock.waitForSleeper(after: .seconds(20))
        let waiting = try #require(await client.state(of: key, as: Int.self)?.pendingRetry)
        #expect(waiting.failures == 1)
        #expect(waiting.nextAttemptAt == started.addingTimeInterval(20))
        #expect((waiting.error as? QueryFailure)?.status == 429)
        #expect(client.maximumAttempts == 4)
        clock.advance(by: .seconds(20))
        #expect(try await fetch.value == 7)
        #expect(await client.state(of: key, as: Int.self)?.pendingRetry == nil, "gone once the fetch is over")
    }
}
