import ServiceLifecycle

/// Runs a background job every `interval` while the server runs; stops with the server (a graceful
/// stop, so the process exits 0).
struct JobScheduler: Service {
    let interval: Duration
    let job: @Sendable () async -> Void

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await job()
                try? await Task.sleep(for: interval)
            }
        }
    }
}
