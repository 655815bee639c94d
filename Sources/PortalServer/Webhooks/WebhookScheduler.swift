import ServiceLifecycle

/// Runs the delivery worker every `interval` while the server runs; stops with the server.
struct WebhookScheduler: Service {
    let worker: WebhookDeliveryWorker
    let interval: Duration

    /// Returns normally when the server stops (a cancelled sleep is the stop, not a failure), so a
    /// graceful shutdown exits 0.
    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                _ = await worker.runBatch()
                try? await Task.sleep(for: interval)
            }
        }
    }
}
