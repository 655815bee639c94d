import LeoraKit

extension Effect {
    /// Runs `operation` under `id` and sends `loaded` with its value, or `failed` with why it failed;
    /// a load cancelled by a newer one sends nothing.
    static func load<Value: Sendable>(
        id: EffectID, _ operation: @escaping @Sendable () async throws -> Value,
        loaded: @escaping @Sendable (Value) -> Action, failed: @escaping @Sendable (LoadFailure) -> Action
    ) -> Effect {
        .run(id: id) { send in
            do {
                send(loaded(try await operation()))
            } catch is CancellationError {
            } catch {
                send(failed(LoadFailure(error)))
            }
        }
    }
}

extension Effect {
    /// Reads `answers` under `id`, sending `loaded` with each answer (the cached one, then a fresher
    /// one, each with when the portal gave it) or `failed` with why it failed; a read cancelled by a
    /// newer one sends nothing.
    static func observe<Value: Sendable>(
        id: EffectID, _ answers: @escaping @Sendable () -> Answers<Value>,
        loaded: @escaping @Sendable (Answer<Value>) -> Action, failed: @escaping @Sendable (LoadFailure) -> Action
    ) -> Effect {
        .run(id: id) { send in await read(answers(), send: send, loaded: loaded, failed: failed) }
    }

    /// `observe` for a pane that does not say how old its data is: `loaded` gets the values alone.
    static func observe<Value: Sendable>(
        id: EffectID, _ answers: @escaping @Sendable () -> Answers<Value>,
        loaded: @escaping @Sendable (Value) -> Action, failed: @escaping @Sendable (LoadFailure) -> Action
    ) -> Effect {
        observe(id: id, answers, loaded: { (answer: Answer<Value>) in loaded(answer.value) }, failed: failed)
    }

    /// `observe`, also sending `retrying` with each notice of `retries` while the read waits to try
    /// again (a 429, a 502), and `retrying(nil)` once the read is over.
    static func observe<Value: Sendable>(
        id: EffectID, _ answers: @escaping @Sendable () -> Answers<Value>, retries: @escaping @Sendable () -> AsyncStream<RetryNotice?>,
        retrying: @escaping @Sendable (RetryNotice?) -> Action, loaded: @escaping @Sendable (Answer<Value>) -> Action,
        failed: @escaping @Sendable (LoadFailure) -> Action
    ) -> Effect {
        .run(id: id) { send in
            let watcher = Task { for await notice in retries() { send(retrying(notice)) } }
            await read(answers(), send: send, loaded: loaded, failed: failed)
            watcher.cancel()
            await watcher.value
            if !Task.isCancelled { send(retrying(nil)) }
        }
    }

    private static func read<Value: Sendable>(
        _ answers: Answers<Value>, send: Send<Action>, loaded: @escaping @Sendable (Answer<Value>) -> Action,
        failed: @escaping @Sendable (LoadFailure) -> Action
    ) async {
        do {
            for try await value in answers {
                try Task.checkCancellation()
                send(loaded(value))
            }
        } catch is CancellationError {
        } catch {
            if !Task.isCancelled { send(failed(LoadFailure(error))) }
        }
    }
}
