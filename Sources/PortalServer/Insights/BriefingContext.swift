#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI

/// Everything a `BriefingWriter` may use to write one user's daily briefing.
struct BriefingContext: Sendable, Equatable {
    /// An id and a display name (a customer or a product).
    struct Named: Codable, Sendable, Equatable {
        var id: String
        var name: String
    }

    /// A short view of one order (not cancelled) for links and prose.
    struct OrderSummary: Codable, Sendable, Equatable {
        var id: String
        var orderNumber: String
        var customerId: String
        var customerName: String
        var createdAt: Date
        var status: String
        var totalCents: Int
    }

    /// The dataset ids a briefing is written from, for `sourceDatasets`.
    static let defaultSourceDatasets = ["orders", "customers", "products", "insights.metrics"]
    /// How many latest orders `recentOrders` keeps.
    static let recentOrdersKept = 5

    var metrics: InsightsMetrics
    /// "Recent Orders": orders not cancelled in the last 7 × 24 h.
    var recentOrderCount: Int
    /// Orders not cancelled in the 7 × 24 h before that.
    var previousWeekOrderCount: Int
    /// Revenue (not cancelled) in the last 28 days and in the 28 days before.
    var revenueLast4WeeksCents: Int
    var revenuePrevious4WeeksCents: Int
    var ordersLast4Weeks: Int
    /// Every order not cancelled, whenever placed.
    var totalOrderCount: Int
    var firstOrderAt: Date?
    /// Orders (cancelled included) per status.
    var statusCounts: [String: Int]
    /// The latest orders not cancelled, newest first.
    var recentOrders: [OrderSummary]
    /// The customers the user has sold to (not cancelled orders), by name.
    var customers: [Named]
    /// The catalogue, by name.
    var products: [Named]
    var now: Date
    var currency: String
    var sourceDatasets: [String]

    init(
        metrics: InsightsMetrics, recentOrderCount: Int, previousWeekOrderCount: Int = 0,
        revenueLast4WeeksCents: Int = 0, revenuePrevious4WeeksCents: Int = 0, ordersLast4Weeks: Int = 0,
        totalOrderCount: Int = 0, firstOrderAt: Date? = nil, statusCounts: [String: Int] = [:],
        recentOrders: [OrderSummary] = [], customers: [Named], products: [Named], now: Date, currency: String,
        sourceDatasets: [String] = BriefingContext.defaultSourceDatasets
    ) {
        self.metrics = metrics
        self.recentOrderCount = recentOrderCount
        self.previousWeekOrderCount = previousWeekOrderCount
        self.revenueLast4WeeksCents = revenueLast4WeeksCents
        self.revenuePrevious4WeeksCents = revenuePrevious4WeeksCents
        self.ordersLast4Weeks = ordersLast4Weeks
        self.totalOrderCount = totalOrderCount
        self.firstOrderAt = firstOrderAt
        self.statusCounts = statusCounts
        self.recentOrders = recentOrders
        self.customers = customers
        self.products = products
        self.now = now
        self.currency = currency
        self.sourceDatasets = sourceDatasets
    }

    /// The context for `dataset`; `metrics` defaults to `InsightsEngine.metrics(for: dataset)`.
    init(
        dataset: InsightDataset, metrics: InsightsMetrics? = nil,
        sourceDatasets: [String] = BriefingContext.defaultSourceDatasets
    ) {
        let now = dataset.now
        let active = dataset.activeOrders
        let day = InsightCalendar.secondsPerDay
        let weekAgo = now.addingTimeInterval(-7 * day)
        let twoWeeksAgo = now.addingTimeInterval(-14 * day)
        let fourWeeksAgo = now.addingTimeInterval(-28 * day)
        let eightWeeksAgo = now.addingTimeInterval(-56 * day)

        let last4 = active.filter { $0.createdAt >= fourWeeksAgo && $0.createdAt <= now }
        let previous4 = active.filter { $0.createdAt >= eightWeeksAgo && $0.createdAt < fourWeeksAgo }

        var statusCounts: [String: Int] = [:]
        for order in dataset.orders { statusCounts[order.status.lowercased(), default: 0] += 1 }

        let customers = Dictionary(grouping: active, by: \.customerId)
            .map { Named(id: $0.key, name: HealthScoring.latestName($0.value)) }
            .sorted { ($0.name, $0.id) < ($1.name, $1.id) }

        self.init(
            metrics: metrics ?? InsightsEngine.metrics(for: dataset),
            recentOrderCount: InsightsEngine.recentOrderCount(orders: active, now: now),
            previousWeekOrderCount: active.filter { $0.createdAt >= twoWeeksAgo && $0.createdAt < weekAgo }.count,
            revenueLast4WeeksCents: last4.reduce(0) { $0 + $1.totalCents },
            revenuePrevious4WeeksCents: previous4.reduce(0) { $0 + $1.totalCents },
            ordersLast4Weeks: last4.count,
            totalOrderCount: active.count,
            firstOrderAt: active.map(\.createdAt).min(),
            statusCounts: statusCounts,
            recentOrders: active
                .sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
                .prefix(Self.recentOrdersKept)
                .map {
                    OrderSummary(
                        id: $0.id, orderNumber: $0.orderNumber, customerId: $0.customerId,
                        customerName: $0.customerName, createdAt: $0.createdAt, status: $0.status,
                        totalCents: $0.totalCents)
                },
            customers: customers,
            products: dataset.products.map { Named(id: $0.id, name: $0.name) }
                .sorted { ($0.name, $0.id) < ($1.name, $1.id) },
            now: now, currency: dataset.currency, sourceDatasets: sourceDatasets)
    }

    /// The name of customer `id`, from `customers` or the metrics; the id itself if unknown.
    func customerName(_ id: String) -> String {
        customers.first { $0.id == id }?.name
            ?? metrics.healthScores.first { $0.customerId == id }?.customerName
            ?? id
    }

    /// The name of product `id`; the id itself if unknown.
    func productName(_ id: String) -> String {
        products.first { $0.id == id }?.name ?? id
    }
}
