import Foundation
@testable import LeoraKit

/// A clock tests move by hand. Sleepers wake when the clock is advanced past their
/// deadline; nothing really sleeps.
final class QueryTestClock: QueryClock, @unchecked Sendable {
    private struct Sleeper {
        let deadline: Date
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct Watcher {
        let predicate: @Sendable ([Date]) -> Bool
        let continuation: CheckedContinuation<Void, Never>
    }

    private let lock = NSLock()
    private var current: Date
    private var sleepers: [UInt64: Sleeper] = [:]
    private var watchers: [Watcher] = []
    private var nextID: UInt64 = 0

    init(now: Date = Date(timeIntervalSince1970: 1_750_000_000)) {
        current = now
    }

    var now: Date { lock.withLock { current } }

    /// Deadlines of everyone sleeping now, earliest first.
    var sleeperDeadlines: [Date] { lock.withLock { sleepers.values.map(\.deadline).sorted() } }

    func sleep(until deadline: Date) async throws {
        let id: UInt64 = lock.withLock {
            nextID += 1
            return nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let ready: [Watcher] = lock.withLock {
                    if Task.isCancelled {
                        continuation.resume(throwing: CancellationError())
                        return []
                    }
                    if deadline <= current {
                        continuation.resume()
                        return []
                    }
                    sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return takeSatisfiedWatchers()
                }
                ready.forEach { $0.continuation.resume() }
            }
        } onCancel: {
            let sleeper = lock.withLock { sleepers.removeValue(forKey: id) }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves time forward and wakes every sleeper whose deadline has come, earliest first.
    func advance(by duration: Duration) {
        let woken: [Sleeper] = lock.withLock {
            current = current.adding(duration)
            let due = sleepers.filter { $0.value.deadline <= current }
            due.keys.forEach { sleepers.removeValue(forKey: $0) }
            return due.values.sorted { $0.deadline < $1.deadline }
        }
        woken.forEach { $0.continuation.resume() }
    }

    /// Waits until someone sleeps until exactly `deadline`.
    func waitForSleeper(until deadline: Date) async {
        await waitUntil { $0.contains(deadline) }
    }

    /// Waits until someone sleeps until `delay` from now.
    func waitForSleeper(after delay: Duration) async {
        await waitForSleeper(until: now.adding(delay))
    }

    func waitUntil(_ predicate: @escaping @Sendable ([Date]) -> Bool) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let satisfied: Bool = lock.withLock {
                if predicate(sleepers.values.map(\.deadline)) { return true }
                watchers.append(Watcher(predicate: predicate, continuation: continuation))
                return false
            }
            if satisfied { continuation.resume() }
        }
    }

    private func takeSatisfiedWatchers() -> [Watcher] {
        let deadlines = sleepers.values.map(\.deadline)
        let ready = watchers.filter { $0.predicate(deadlines) }
        watchers.removeAll { watcher in watcher.predicate(deadlines) }
        return ready
    }
}

/// Counts calls from concurrent fetchers.
final class QueryCallCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    private var log: [String] = []

    @discardableResult
    func increment() -> Int {
        lock.withLock {
            count += 1
            return count
        }
    }

    var value: Int { lock.withLock { count } }

    func record(_ event: String) {
        lock.withLock { log.append(event) }
    }

    var events: [String] { lock.withLock { log } }
}

/// Yields until `condition` holds; fails the test's expectation after many tries.
func queryEventually(_ condition: () async -> Bool) async -> Bool {
    for _ in 0..<20_000 {
        if await condition() { return true }
        await Task.yield()
    }
    return false
}

/// Reads states from an observation until one satisfies `predicate`.
func nextState<Value>(
    _ iterator: inout AsyncStream<QueryState<Value>>.Iterator, where predicate: (QueryState<Value>) -> Bool
) async -> QueryState<Value>? {
    while let state = await iterator.next() {
        if predicate(state) { return state }
    }
    return nil
}
