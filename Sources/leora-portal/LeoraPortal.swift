import ArgumentParser
import Foundation
import Hummingbird
import Logging
import PortalServer

/// `leora-portal`: the reference Leora portal server. Serving is the default command.
@main
struct LeoraPortal: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leora-portal",
        abstract: "The reference Leora portal server (REST API contract v1) on embedded SQLite or PostgreSQL.",
        subcommands: [Serve.self, Jobs.self],
        defaultSubcommand: Serve.self)
}

/// `leora-portal [serve]`: runs the server.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the portal (the default command).",
        discussion: """
            Environment: DATABASE_URL (as --database; the option wins), LEORA_JWT_SECRET (at least 32 bytes; required with \
            PostgreSQL, where every instance must share it; with SQLite one is otherwise generated and kept beside the database, mode 0600), CRON_SECRET (bearer of POST /api/cron/webhook-delivery), STRIPE_WEBHOOK_SECRET (signing secret of \
            POST /api/webhooks/stripe), METRICS_TOKEN (bearer of GET /metrics on the public listener), ALERT_WEBHOOK_URL and \
            ALERT_WEBHOOK_SECRET (alerts posted signed when a job fails or a delivery gives up), OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL (the briefing writer; without a key \
            a deterministic writer is used).
            """)

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on; 0 picks a free one.") var port = 8787
    @Option(
        help: """
            SQLite database file, :memory:, or a PostgreSQL URL (postgres://USER@HOST/DB, or postgres://USER@/DB?host=/socket/dir). \
            Default: $DATABASE_URL, else $XDG_DATA_HOME/leora-portal/portal.sqlite.
            """)
    var database: String?
    @Option(help: "Load a dataset into an empty database: demo, or bench[:ORDERS].") var seed: String?
    @Option(help: "bcrypt cost for new password hashes (4-31).") var bcryptCost = 12
    @Flag(help: "Mark cookies Secure (when served behind HTTPS).") var secureCookies = false
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel = "info"
    @Option(help: "Seconds between runs of the in-process webhook delivery worker.") var webhookInterval = 15
    @Flag(help: "Do not run the in-process webhook worker (use POST /api/cron/webhook-delivery).") var noWebhookScheduler = false
    @Option(help: "Connections served at once; more wait until one closes.") var maxConnections = 1_000
    @Option(help: "HOST:PORT of the listener serving GET /metrics (port 0 picks a free one), or none.")
    var metricsAddress = "127.0.0.1:9464"
    @Flag(help: "Let webhook subscriptions reach loopback and private networks (local development only).")
    var allowPrivateWebhooks = false

    @Flag(help: "Allow the test settings below.") var dev = false
    @Option(help: "(--dev) Access token lifetime in seconds.") var accessTtl: Int?
    @Option(help: "(--dev) Refresh token lifetime in seconds.") var refreshTtl: Int?
    @Option(help: "(--dev) Seconds a retired refresh token is still accepted.") var refreshGrace: Int?
    @Option(help: "(--dev) Failed-login window in seconds.") var loginWindow: Int?
    @Option(help: "(--dev) Failed logins allowed within the window.") var loginMaxFailures: Int?
    @Option(help: "(--dev) Request rate limit, e.g. GET=5/s.") var rateLimit: String?
    @Option(help: "(--dev) Minimum seconds between forced briefing regenerations.") var briefingRefreshInterval: Int?
    @Option(help: "(--dev) Seconds a new connection has to send its request headers (default 30).") var headerTimeout: Int?
    @Option(help: "(--dev) Seconds an idle keep-alive connection is kept (default 60).") var idleTimeout: Int?

    func validate() throws {
        let devOnly: [(String, Any?)] = [
            ("--access-ttl", accessTtl), ("--refresh-ttl", refreshTtl), ("--refresh-grace", refreshGrace),
            ("--login-window", loginWindow), ("--login-max-failures", loginMaxFailures), ("--rate-limit", rateLimit),
            ("--briefing-refresh-interval", briefingRefreshInterval), ("--header-timeout", headerTimeout), ("--idle-timeout", idleTimeout),
        ]
        if !dev, let (name, _) = devOnly.first(where: { $0.1 != nil }) {
            throw ValidationError("\(name) is a test setting; it needs --dev")
        }
        guard (4...31).contains(bcryptCost) else { throw ValidationError("--bcrypt-cost must be between 4 and 31") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        if metricsAddress != "none", MetricsAddress(metricsAddress) == nil {
            throw ValidationError("--metrics-address must be HOST:PORT or none")
        }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1") }
        if [headerTimeout, idleTimeout].contains(where: { ($0 ?? 1) < 1 }) { throw ValidationError("timeouts must be at least 1 second") }
        guard webhookInterval >= 1 else { throw ValidationError("--webhook-interval must be at least 1 second") }
        if let seed, seed != "demo", !seed.hasPrefix("bench") { throw ValidationError("--seed must be demo or bench[:ORDERS]") }
        if let rateLimit, RateLimitSetting(rateLimit) == nil { throw ValidationError("--rate-limit must look like GET=5/s") }
        if Logger.Level(rawValue: logLevel) == nil { throw ValidationError("unknown --log-level \(logLevel)") }
        if let database = database ?? ProcessInfo.processInfo.environment["DATABASE_URL"].flatMap({ $0.isEmpty ? nil : $0 }) {
            do {
                _ = try DatabaseLocation(parsing: database)
            } catch {
                throw ValidationError("--database: \(error)")
            }
        }
    }

    func run() async throws {
        // Everything the server creates (the database, its WAL and shared-memory files, the JWT secret)
        // is readable by its owner only.
        umask(0o077)
        let environment = ProcessInfo.processInfo.environment
        let databasePath = DefaultLocations.database(option: database, environment: environment)
        let secret = try JWTSecret.load(environment: environment, database: try DatabaseLocation(parsing: databasePath))
        var configuration = ServerConfiguration(jwtSecret: secret)
        configuration.host = host
        configuration.port = port
        configuration.databasePath = databasePath
        configuration.seed = seed
        configuration.bcryptCost = bcryptCost
        configuration.secureCookies = secureCookies
        configuration.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        if let accessTtl { configuration.accessTokenLifetime = TimeInterval(accessTtl) }
        if let refreshTtl { configuration.refreshTokenLifetime = TimeInterval(refreshTtl) }
        if let refreshGrace { configuration.refreshGrace = TimeInterval(refreshGrace) }
        if let loginWindow { configuration.loginWindow = TimeInterval(loginWindow) }
        if let loginMaxFailures { configuration.loginMaxFailures = loginMaxFailures }
        if let rateLimit, let setting = RateLimitSetting(rateLimit) { configuration.requestRateLimit = (setting.method, setting.perSecond) }
        if let briefingRefreshInterval { configuration.briefingRefreshInterval = TimeInterval(briefingRefreshInterval) }
        if let headerTimeout { configuration.headerTimeout = .seconds(headerTimeout) }
        if let idleTimeout { configuration.idleTimeout = .seconds(idleTimeout) }
        configuration.maxConnections = maxConnections
        configuration.allowPrivateWebhooks = allowPrivateWebhooks
        configuration.metricsAddress = MetricsAddress(metricsAddress).map { ($0.host, $0.port) }
        configuration.cronSecret = environment["CRON_SECRET"].flatMap { $0.isEmpty ? nil : $0 }
        configuration.stripeWebhookSecret = environment["STRIPE_WEBHOOK_SECRET"].flatMap { $0.isEmpty ? nil : $0 }
        configuration.metricsToken = environment["METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        configuration.webhookInterval = noWebhookScheduler ? nil : .seconds(webhookInterval)
        if let url = environment["ALERT_WEBHOOK_URL"], !url.isEmpty {
            guard let secret = environment["ALERT_WEBHOOK_SECRET"], secret.utf8.count >= 16 else {
                throw ValidationError("ALERT_WEBHOOK_URL needs ALERT_WEBHOOK_SECRET (at least 16 bytes) to sign the alerts")
            }
            configuration.alertWebhook = (url, secret)
        }
        if let key = environment["OPENAI_API_KEY"], !key.isEmpty {
            configuration.openAI = .init(apiKey: key, baseURL: environment["OPENAI_BASE_URL"], model: environment["OPENAI_MODEL"])
        }
        let host = self.host
        let metricsHost = configuration.metricsAddress?.host ?? ""
        let app = try await PortalApplication.make(
            configuration,
            onListening: { port in
                // One line, written straight to the descriptor so that a reader of a pipe sees it at once.
                FileHandle.standardOutput.write(Data("listening on http://\(host):\(port)\n".utf8))
            },
            onMetricsListening: { port in
                FileHandle.standardOutput.write(Data("metrics on http://\(metricsHost):\(port)/metrics\n".utf8))
            })
        try await app.runService()
    }
}

/// `GET=5/s`.
struct RateLimitSetting {
    var method: String
    var perSecond: Int

    init?(_ text: String) {
        let parts = text.split(separator: "=")
        guard parts.count == 2, parts[1].hasSuffix("/s"), let count = Int(parts[1].dropLast(2)), count > 0 else { return nil }
        method = parts[0].uppercased()
        perSecond = count
    }
}

/// `127.0.0.1:9464`, `[::1]:9464`.
struct MetricsAddress {
    var host: String
    var port: Int

    init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { return nil }
        self.host = host
        self.port = port
    }
}
