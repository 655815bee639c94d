#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Mutations: optimistic changes, per-mutation rollback, serial scopes, invalidation.
extension QueryClient {
    /// Runs `mutation` and returns what `perform` returned, or rethrows its error after
    /// rolling back this mutation's optimistic changes.
    ///
    /// The optimistic changes show at once, even when the mutation waits behind others
    /// in its scope; the request itself waits its turn.
    public func mutate<Output: Sendable>(_ mutation: Mutation<Output>) async throws -> Output {
        try await run(mutation)
    }

    /// Runs the mutation `make` builds from the value shown for `key` as it starts (optimistic
    /// changes in flight included). Making it and applying its optimistic changes are one step on
    /// the actor, so changes started at once each see the others' (two "one more" make two more).
    public func mutate<Value: Sendable & Codable, Output: Sendable>(
        basedOn key: QueryKey, as type: Value.Type = Value.self, _ make: @Sendable (Value?) -> Mutation<Output>
    ) async throws -> Output {
        try await run(make(typedValue(key, as: Value.self)))
    }

    /// `mutate`'s body: nothing suspends before the optimistic changes are applied.
    private func run<Output: Sendable>(_ mutation: Mutation<Output>) async throws -> Output {
        if mutation.requiresOnline && !isOnline { throw QueryClientError.offline }
        let mutationID = makeIdentifier()
        let generation = self.generation
        for update in mutation.optimisticUpdates { beginOptimistic(update, mutationID: mutationID) }
        if let scope = mutation.scope { await acquire(scope) }
        let result: Result<Output, any Error>
        do {
            result = .success(try await mutation.perform())
        } catch {
            result = .failure(error)
        }
        if generation == self.generation { settle(mutation, mutationID: mutationID, result: result) }
        if let scope = mutation.scope { release(scope) }
        return try result.get()
    }

    /// onMutate for one key: cancel its fetches, apply the change, clear its ETag.
    func beginOptimistic(_ update: OptimisticUpdate, mutationID: UInt64) {
        prepareEntry(update.key, options: nil, fetcher: nil)
        cancelFetch(update.key)
        guard var entry = entries[update.key] else { return }
        entry.layers.append(OptimisticLayer(mutationID: mutationID, apply: update.apply))
        entry.recomputeDisplayed()
        entry.activeMutations += 1
        entry.mutationEpoch += 1
        entry.etag = nil
        entries[update.key] = entry
        notify(update.key)
    }

    /// onError / onSuccess, then onSettled.
    func settle<Output: Sendable>(_ mutation: Mutation<Output>, mutationID: UInt64, result: Result<Output, any Error>) {
        var writes: [QueryWrite] = []
        if case .success(let output) = result { writes = mutation.confirmedWrites(output) }
        let writtenKeys = Set(writes.map(\.key))
        // The confirmed values first, without telling anyone: observers must never see the change
        // gone before the server's answer is in (a flash of the old value).
        for write in writes {
            prepareEntry(write.key, options: nil, fetcher: nil)
            self.write(write.value, to: write.key, etag: write.etag, staleAt: write.staleAt, notifying: false)
        }
        for key in Set(mutation.optimisticUpdates.map(\.key)) {
            guard var entry = entries[key] else { continue }
            let mine = entry.layers.filter { $0.mutationID == mutationID }
            entry.layers.removeAll { $0.mutationID == mutationID }
            if case .success = result, !writtenKeys.contains(key) {
                // Succeeded without a confirmed value: keep the change until the refetch.
                entry.confirmed = mine.reduce(entry.confirmed) { value, layer in layer.apply(value) }
            }
            entry.recomputeDisplayed()
            entry.activeMutations -= mine.count
            entries[key] = entry
        }
        for key in writtenKeys.union(mutation.optimisticUpdates.map(\.key)) { notify(key) }
        if case .failure = result {
            for prefix in mutation.invalidatesOnFailure { invalidate(prefix) }
        }
        for prefix in mutation.invalidates { invalidate(prefix) }
    }

    func acquire(_ scope: MutationScope) async {
        if scopeQueues[scope]?.busy == true {
            await withCheckedContinuation { continuation in
                scopeQueues[scope]?.waiters.append(continuation)
            }
        } else {
            scopeQueues[scope, default: ScopeQueue()].busy = true
        }
    }

    func release(_ scope: MutationScope) {
        guard var queue = scopeQueues[scope] else { return }
        if queue.waiters.isEmpty {
            scopeQueues[scope] = nil
        } else {
            let next = queue.waiters.removeFirst()
            scopeQueues[scope] = queue
            next.resume()
        }
    }

    /// Mutations waiting for their scope, for tests and diagnostics.
    func waitingMutations(in scope: MutationScope) -> Int {
        scopeQueues[scope]?.waiters.count ?? 0
    }
}
