import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import PortalAPI
import ServiceLifecycle

/// Builds the `leora-portal` application: storage, services, routes.
public enum PortalApplication {
    /// The application, ready to `run()`. `onListening` receives the bound port once the server accepts connections.
    /// `onMetricsListening` receives the metrics listener's port.
    public static func make(
        _ configuration: ServerConfiguration,
        clock: @escaping @Sendable () -> Date = { Date() },
        onListening: @escaping @Sendable (Int) async -> Void = { _ in },
        onMetricsListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws -> some ApplicationProtocol {
        var logger = Logger(label: "leora-portal")
        logger.logLevel = configuration.logLevel
        let metrics = PortalMetrics()
        let (router, jobs) = try await makeRouter(configuration, clock: PortalClock(clock), metrics: metrics, logger: logger)
        // First in the list, so it stops last: the storage closes after the server has finished its requests.
        var services: [any Service] = [StorageCloser(close: jobs.closeStorage)]
        if let interval = configuration.webhookInterval { services.append(JobScheduler(interval: interval) { _ = await jobs.delivery.runBatch() }) }
        if let interval = configuration.retentionInterval { services.append(JobScheduler(interval: interval) { _ = await jobs.retention.run() }) }
        if let address = configuration.metricsAddress {
            services.append(
                MetricsListener(
                    host: address.host, port: address.port, metrics: metrics, token: configuration.metricsToken, logger: logger,
                    onListening: onMetricsListening))
        }
        let headerTimeout = TimeAmount(configuration.headerTimeout)
        return Application(
            router: router,
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: [RequestHeadTimeoutHandler(timeout: headerTimeout)],
                    idleTimeout: TimeAmount(configuration.idleTimeout))),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: nil,
                availableConnectionsDelegate: ConnectionLimit(maximum: configuration.maxConnections, logger: logger)),
            services: services,
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
    }

    /// The router with every route, over storage opened (and seeded) as `configuration` says.
    /// The background jobs the router's routes and the schedulers share.
    struct Jobs: Sendable {
        var delivery: WebhookDeliveryWorker
        var retention: RetentionJob
        /// Lets go of the storage (the PostgreSQL pool) once the server has stopped.
        var closeStorage: @Sendable () -> Void
    }

    static func makeRouter(_ configuration: ServerConfiguration, clock: PortalClock, metrics: PortalMetrics, logger: Logger) async throws
        -> (Router<PortalRequestContext>, Jobs)
    {
        let opened = try await OpenedStorage.open(
            try DatabaseLocation(parsing: configuration.databasePath), maximumConnections: configuration.databaseMaximumConnections, logger: logger)
        let database = opened.storage
        let storage = MeasuredStorage(base: database, metrics: metrics)
        let hasher = PasswordHasher(cost: UInt8(clamping: configuration.bcryptCost))

        if configuration.seed == "demo" {
            let loaded = try await database.load(
                SeedDataset.demo(anchor: clock.now()), passwordHash: try await hasher.hash(SeedDataset.demoPassword), at: clock.now())
            logger.info(loaded ? "seeded the demo data" : "database already has data; not seeding")
        } else if let seed = configuration.seed, seed.hasPrefix("bench") {
            let count = Int(seed.dropFirst("bench".count).drop { $0 == ":" }) ?? 100_000
            _ = try await database.load(
                SeedDataset.bench(orders: count, anchor: clock.now()), passwordHash: try await hasher.hash(SeedDataset.demoPassword),
                at: clock.now())
        }

        let tokens = await TokenService(secret: configuration.jwtSecret, clock: clock)
        let auth = AuthService(
            storage: storage, tokens: tokens, hasher: hasher, cookies: AuthCookies(secure: configuration.secureCookies),
            lifetimes: .init(
                access: configuration.accessTokenLifetime, refresh: configuration.refreshTokenLifetime,
                refreshGrace: configuration.refreshGrace),
            loginLimiter: opened.loginLimiter(configuration.loginWindow, configuration.loginMaxFailures))
        let model = configuration.openAI.map { settings in
            OpenAIBriefingWriter(
                settings: .init(apiKey: settings.apiKey, baseURL: settings.baseURL, model: settings.model, timeout: .seconds(settings.timeoutSeconds)))
        }
        let modelStatus = ModelStatus(configured: model != nil, probeInterval: configuration.modelProbeInterval) { await model?.probe() ?? false }
        let writer: (any BriefingWriter)? = model.map { MeasuredBriefingWriter(base: $0, model: $0.settings.model, metrics: metrics) }
        let briefings = BriefingService(
            storage: storage, writer: writer ?? DeterministicBriefingWriter(), clock: clock, modelStatus: modelStatus,
            refreshInterval: configuration.briefingRefreshInterval, logger: logger)
        let idempotency = IdempotencyService(storage: storage)

        let routes = RouteIndex()
        let router = Router(context: PortalRequestContext.self)
        router.add(middleware: RouteMetricsMiddleware(metrics: metrics))
        router.add(middleware: ErrorMiddleware(routes: routes))
        var matched = router.group()
        if let limit = configuration.requestRateLimit {
            matched = matched.add(
                middleware: RequestRateLimitMiddleware(
                    limiter: RequestRateLimiter(method: HTTPRequest.Method(limit.method) ?? .get, perSecond: limit.perSecond),
                    clock: clock))
        }
        let alerting = Alerting(
            logger: logger, destination: configuration.alertWebhook.map { Alerting.Destination(url: $0.url, secret: $0.secret) }, clock: clock)
        let worker = WebhookDeliveryWorker(
            storage: storage, clock: clock, metrics: metrics, logger: logger, alerting: alerting,
            allowPrivateDestinations: configuration.allowPrivateWebhooks)
        let retention = RetentionJob(storage: storage, clock: clock, alerting: alerting)
        MetricsController(metrics: metrics, token: configuration.metricsToken).addRoutes(to: matched)
        // Every contract route is registered by its path in PortalAPI's `Routes`, the one the client calls.
        HealthController(
            storage: storage, modelStatus: modelStatus, clock: clock, webhookQueueThreshold: configuration.webhookQueueThreshold
        ).addRoutes(to: matched)
        CronController(worker: worker, cronSecret: configuration.cronSecret).addRoutes(to: matched)
        StripeWebhookController(storage: storage, secret: configuration.stripeWebhookSecret, clock: clock).addRoutes(to: matched)
        let portal = matched
        let authController = AuthController(auth: auth, storage: storage)
        authController.addPublicRoutes(to: portal)
        let authenticated = portal.group().add(middleware: AuthenticationMiddleware(auth: auth))
        authController.addRoutes(to: authenticated)
        CatalogController(storage: storage).addRoutes(to: authenticated)
        OrdersController(storage: storage, idempotency: idempotency, clock: clock).addRoutes(to: authenticated)
        CartController(storage: storage, idempotency: idempotency, clock: clock).addRoutes(to: authenticated)
        InsightsController(storage: storage, briefings: briefings, clock: clock).addRoutes(to: authenticated)
        WebhooksController(storage: storage, clock: clock, allowPrivateDestinations: configuration.allowPrivateWebhooks).addRoutes(to: authenticated)
        JobsController(storage: storage).addRoutes(to: authenticated)
        routes.record(router.routes.map { ($0.method.rawValue, $0.path.description) })
        return (router, Jobs(delivery: worker, retention: retention, closeStorage: opened.close))
    }

    /// Closes the storage when the application shuts down.
    struct StorageCloser: Service {
        let close: @Sendable () -> Void

        func run() async throws {
            try? await gracefulShutdown()
            close()
        }
    }

    /// Method and path of every route, as `openapi.yaml` names them (`GET /api/portal/orders/{id}`).
    static func routeList(of router: Router<PortalRequestContext>) -> [String] {
        router.routes.map { "\($0.method.rawValue) \($0.path.description)" }
    }
}
