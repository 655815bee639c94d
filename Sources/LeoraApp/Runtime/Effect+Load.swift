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
