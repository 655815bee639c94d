import ServiceLifecycle

/// Runs the delivery worker every `interval` while the server runs; stops with the server.
struct WebhookScheduler: Service {
    let worker: WebhookDeliveryWorker
    let interval: Duration

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                _ = await worker.runBatch()
                try await Task.sleep(for: interval)
            }
        }
    }
}
