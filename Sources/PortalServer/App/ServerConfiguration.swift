import Foundation
import Logging

/// Everything `leora-portal` can be configured with. Defaults are the contract's values.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    /// 0 picks a free port.
    public var port = 8787
    /// A SQLite file path, `:memory:`, or a `postgres://` / `postgresql://` URL (`DatabaseLocation`).
    public var databasePath = ":memory:"
    /// The PostgreSQL pool's size (connections per instance).
    public var databaseMaximumConnections = 20
    /// At least 32 bytes.
    public var jwtSecret: [UInt8]
    public var bcryptCost = 12
    public var accessTokenLifetime: TimeInterval = 900
    public var refreshTokenLifetime: TimeInterval = 7 * 24 * 3600
    public var refreshGrace: TimeInterval = 60
    public var loginWindow: TimeInterval = 15 * 60
    public var loginMaxFailures = 5
    /// `--rate-limit GET=N/s`: the method and requests per second per client.
    public var requestRateLimit: (method: String, perSecond: Int)?
    public var briefingRefreshInterval: TimeInterval = 60
    public var openAI: OpenAISettings?
    /// How long `/api/health` trusts its last look at the model before probing it again.
    public var modelProbeInterval: TimeInterval = 30
    /// Dataset to load into an empty database at start (`demo`).
    public var seed: String?
    /// Adds `Secure` to the cookies (when served behind HTTPS).
    public var secureCookies = false
    public var logLevel: Logger.Level = .info
    /// Bearer secret of `POST /api/cron/webhook-delivery` (`CRON_SECRET`); without it the route answers 401.
    public var cronSecret: String?
    /// Signing secret of `POST /api/webhooks/stripe` (`STRIPE_WEBHOOK_SECRET`); without it the route answers 401.
    public var stripeWebhookSecret: String?
    /// Bearer token of `GET /metrics` (`METRICS_TOKEN`); with it the public listener serves the metrics too.
    public var metricsToken: String?
    /// The metrics listener's address (`--metrics-address`); nil serves no metrics listener.
    public var metricsAddress: (host: String, port: Int)?
    /// How often the in-process scheduler runs the delivery worker; nil turns it off.
    public var webhookInterval: Duration? = .seconds(15)
    /// How often the retention job deletes expired records; nil turns it off.
    public var retentionInterval: Duration? = .seconds(3600)
    /// Where alerts are posted (`ALERT_WEBHOOK_URL`, signed with `ALERT_WEBHOOK_SECRET`); nil logs them only.
    public var alertWebhook: (url: String, secret: String)?
    /// Pending deliveries above which `/api/health` says `degraded`.
    public var webhookQueueThreshold = 1_000
    /// Lets webhook subscriptions point at loopback and private networks (local development, tests).
    /// Off by default: a tenant's admin must not reach the server's own network.
    public var allowPrivateWebhooks = false
    /// A connection that has not sent its first request's headers by then is closed.
    public var headerTimeout: Duration = .seconds(30)
    /// A keep-alive connection with no request for this long is closed.
    public var idleTimeout: Duration = .seconds(60)
    /// Connections served at once; past it new ones wait in the listen backlog (logged once as it is reached).
    public var maxConnections = 1_000

    public struct OpenAISettings: Sendable, Equatable {
        public var apiKey: String
        public var baseURL: String
        public var model: String
        public var timeoutSeconds: Int64

        public init(apiKey: String, baseURL: String? = nil, model: String? = nil, timeoutSeconds: Int64 = 15) {
            self.apiKey = apiKey
            self.baseURL = baseURL ?? "https://api.openai.com/v1"
            self.model = model ?? "gpt-4o-mini"
            self.timeoutSeconds = timeoutSeconds
        }
    }

    public init(jwtSecret: [UInt8]) {
        self.jwtSecret = jwtSecret
    }
}
