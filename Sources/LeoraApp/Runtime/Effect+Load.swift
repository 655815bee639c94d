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
    /// one) or `failed` with why it failed; a read cancelled by a newer one sends nothing.
    static func observe<Value: Sendable>(
        id: EffectID, _ answers: @escaping @Sendable () -> Answers<Value>,
        loaded: @escaping @Sendable (Value) -> Action, failed: @escaping @Sendable (LoadFailure) -> Action
    ) -> Effect {
        .run(id: id) { send in
            do {
                for try await value in answers() {
                    try Task.checkCancellation()
                    send(loaded(value))
                }
            } catch is CancellationError {
            } catch {
                if !Task.isCancelled { send(failed(LoadFailure(error))) }
            }
        }
    }
}
