import Hummingbird

/// Times every request, recording it by method, route pattern (`/api/portal/orders/{id}`; `unmatched`
/// for a path no route serves, so unknown paths cannot multiply the series) and final status.
/// Added before the error middleware, so it sees the status the caller gets. (Hummingbird's own
/// `MetricsMiddleware` records through the process-wide `MetricsSystem` only, and after the body is
/// written; this one records into the application's registry before the response leaves.)
struct RouteMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: PortalMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request, context, status: response.status, duration: ContinuousClock.now - started)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            record(request, context, status: status, duration: ContinuousClock.now - started)
            throw error
        }
    }

    private func record(_ request: Request, _ context: Context, status: HTTPResponse.Status, duration: Duration) {
        let route = context.endpointPath.flatMap { $0.hasPrefix("/") ? $0 : nil } ?? "unmatched"
        metrics.record(
            PortalMetrics.routeDuration,
            [("method", request.method.rawValue), ("route", route), ("status", String(status.code))],
            duration: duration, succeeded: status.code < 400)
    }
}
