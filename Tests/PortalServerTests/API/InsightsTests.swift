import Foundation
import PortalAPI
import Synchronization
import PortalTestSupport
import Testing
@testable import PortalServer

@Suite("Insights and the briefing over HTTP")
struct InsightsTests {
    static let apiKey = "sk-test-0123456789abcdef"
    static let model = "gpt-test-briefing-model"
    static let modelSummary = "Model summary: three accounts are behind pace and revenue is up 12% on last month."

    // MARK: - The deterministic writer (no language model configured)

    @Test func theBriefingCountsRecentOrdersAndIsCachedForADay() async throws {
        try await withServer { server in
            let client = try await server.login("rep@northwind.test")
            let (firstResponse, first) = try await Self.briefing(client)
            #expect(!first.cached)
            #expect(first.briefing.confidence > 0 && first.briefing.confidence <= 1)
            #expect(!first.briefing.summary.isEmpty)
            #expect(first.expiresAt.timeIntervalSince(first.generatedAt) == 24 * 3600)
            #expect(firstResponse.header("Cache-Control") == "private, no-cache")
            #expect(firstResponse.header("Vary") == "Cookie")

            let orders = try await Self.allOrders(client)
            let expected = Self.recentOrderCount(orders, at: first.generatedAt)
            #expect(expected > 0, "the demo data gives the rep orders in the last 7 days")
            #expect(Self.recentOrdersValues(first) == [String(expected)])

            #expect(!first.briefing.drillDownLinks.isEmpty)
            try await Self.expectFollowable(first.briefing.drillDownLinks, by: client)

            let (secondResponse, second) = try await Self.briefing(client)
            #expect(second.cached)
            #expect(second.generatedAt == first.generatedAt)
            #expect(second.expiresAt == first.expiresAt)
            #expect(second.briefing == first.briefing)

            // Conditional GET on the briefing.
            let etag = try #require(secondResponse.header("ETag"))
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\"") && etag.count > 2, "a strong, quoted ETag")
            #expect(firstResponse.header("ETag") != etag, "`cached` changed, so the body and its ETag did")
            let notModified = try await client.get(Routes.briefing, headers: [("If-None-Match", etag)])
            #expect(notModified.status == 304)
            #expect(notModified.body.isEmpty)
            #expect(notModified.header("ETag") == etag)
            #expect(notModified.header("Cache-Control") == "private, no-cache")
            #expect(notModified.header("Vary") == "Cookie")
            let otherTag = try await client.get(Routes.briefing, headers: [("If-None-Match", "\"not-the-tag\"")])
            #expect(otherTag.status == 200)
            #expect(otherTag.header("ETag") == etag)
            #expect(try otherTag.data(BriefingPayload.self) == second)
        }
    }

    @Test func healthSaysTheModelIsNotConfiguredWithoutOpenAI() async throws {
        try await withServer { server in
            let client = try await server.login("rep@northwind.test")
            _ = try await Self.briefing(client)
            let health = try await Self.health(server)
            #expect(health.openAI == "not_configured")
            #expect(health.status == "healthy")
        }
    }

    @Test func refreshWithinTheIntervalServesTheCachedBriefing() async throws {
        try await withServer { server in
            let client = try await server.login("rep@northwind.test")
            let (_, first) = try await Self.briefing(client)
            #expect(!first.cached)
            let (_, refreshed) = try await Self.briefing(client, refresh: true)
            #expect(refreshed.cached)
            #expect(refreshed.generatedAt == first.generatedAt)
            #expect(refreshed.briefing == first.briefing)

            let invalid = try await client.get(Routes.briefing + "?refresh=maybe")
            #expect(invalid.status == 400)
            #expect(invalid.errorCode == "VALIDATION_ERROR")
            #expect(invalid.errorField == "refresh")
        }
    }

    @Test func refreshAfterTheIntervalRegenerates() async throws {
        try await withServer({ $0.briefingRefreshInterval = 0 }) { server in
            let client = try await server.login("rep@northwind.test")
            let (_, first) = try await Self.briefing(client)
            #expect(!first.cached)
            let (_, refreshed) = try await Self.briefing(client, refresh: true)
            #expect(!refreshed.cached)
            #expect(refreshed.generatedAt >= first.generatedAt)
            #expect(refreshed.expiresAt.timeIntervalSince(refreshed.generatedAt) == 24 * 3600)
            // Without `refresh` the regenerated briefing is served from the cache.
            let (_, again) = try await Self.briefing(client)
            #expect(again.cached)
            #expect(again.generatedAt == refreshed.generatedAt)
            #expect(again.briefing == refreshed.briefing)
        }
    }

    @Test func placingAndCancellingAnOrderInvalidatesTheBriefing() async throws {
        try await withServer { server in
            let client = try await server.login("rep@northwind.test")
            let (_, before) = try await Self.briefing(client)
            let (_, cachedBefore) = try await Self.briefing(client)
            #expect(cachedBefore.cached)
            let recentBeforeText = try #require(Self.recentOrdersValues(before).first)
            let recentBefore = try #require(Int(recentBeforeText))

            let customer = try #require(
                try await client.get(Routes.customers + "?limit=100").data(CustomersPage.self).customers.first)
            let product = try #require(
                try await client.get(Routes.products + "?limit=100").data(ProductsPage.self).products
                    .first { $0.active && $0.inventory.available >= 1 })
            let placed = try await client.post(
                Routes.orders,
                json: [
                    "customerId": .string(customer.id),
                    "lines": [["productId": .string(product.id), "quantity": 1]],
                ],
                headers: [(Wire.idempotencyKey, UUID().uuidString)])
            #expect(placed.status == 201, "\(placed.text)")
            let order = try placed.data(OrderPayload.self).order

            let (_, afterPlacing) = try await Self.briefing(client)
            #expect(!afterPlacing.cached, "placing an order invalidates the briefing")
            #expect(Self.recentOrdersValues(afterPlacing) == [String(recentBefore + 1)])
            let ordersAfterPlacing = try await Self.allOrders(client)
            #expect(ordersAfterPlacing.contains { $0.id == order.id })
            #expect(
                Self.recentOrdersValues(afterPlacing)
                    == [String(Self.recentOrderCount(ordersAfterPlacing, at: afterPlacing.generatedAt))])
            #expect(try await Self.briefing(client).1.cached)

            let cancelled = try await client.post(
                Routes.cancelOrder(order.id), headers: [(Wire.idempotencyKey, UUID().uuidString)])
            #expect(cancelled.status == 200, "\(cancelled.text)")
            #expect(try cancelled.data(OrderPayload.self).order.status == OrderStatus.cancelled.rawValue)

            let (_, afterCancelling) = try await Self.briefing(client)
            #expect(!afterCancelling.cached, "cancelling an order invalidates the briefing")
            #expect(Self.recentOrdersValues(afterCancelling) == [String(recentBefore)])
        }
    }

    // MARK: - Metrics

    @Test func metricsHaveTheContractsShapes() async throws {
        try await withServer { server in
            let client = try await server.login("rep@northwind.test")
            let response = try await client.get(Routes.metrics)
            #expect(response.status == 200)
            let metrics = try response.data(InsightsMetrics.self)
            let orders = try await Self.allOrders(client)
            let active = orders.filter { $0.status != OrderStatus.cancelled.rawValue }

            // Health: only customers the rep sold to, scored 0...100, last order = the rep's latest for them.
            #expect(!metrics.healthScores.isEmpty)
            let soldTo = Set(active.map(\.customer.id))
            for health in metrics.healthScores {
                #expect((0...100).contains(health.score), "\(health.customerId) scored \(health.score)")
                #expect(!health.customerName.isEmpty)
                #expect(soldTo.contains(health.customerId), "\(health.customerId) is not a customer of the rep")
                let latest = active.filter { $0.customer.id == health.customerId }.map(\.createdAt).max()
                #expect(health.lastOrderAt == latest, "\(health.customerId)")
            }
            #expect(Set(metrics.healthScores.map(\.customerId)).count == metrics.healthScores.count)

            // Pace: deviation = days since / expected interval.
            #expect(!metrics.paceDeviations.isEmpty)
            for pace in metrics.paceDeviations {
                #expect(pace.expectedIntervalDays > 0)
                #expect(pace.daysSinceLastOrder >= 0)
                let ratio = pace.daysSinceLastOrder / pace.expectedIntervalDays
                #expect(abs(pace.deviation - ratio) <= 0.02 + 0.01 * ratio, "\(pace.customerId): \(pace.deviation) vs \(ratio)")
                #expect(soldTo.contains(pace.customerId))
            }

            // Revenue trends: weekly buckets starting Mondays 00:00 UTC, 7 days apart.
            let trends = metrics.revenueTrends
            #expect(trends.count >= 2)
            for trend in trends {
                #expect(Self.isMondayMidnightUTC(trend.periodStart), "\(trend.periodStart)")
                #expect(trend.revenueCents >= 0 && trend.orderCount >= 0)
            }
            for (earlier, later) in zip(trends, trends.dropFirst()) {
                #expect(later.periodStart.timeIntervalSince(earlier.periodStart) == 7 * 24 * 3600)
            }
            // Full past weeks hold exactly the rep's orders (not cancelled) of that week.
            for trend in trends.dropLast() {
                let inWeek = active.filter {
                    $0.createdAt >= trend.periodStart && $0.createdAt < trend.periodStart.addingTimeInterval(7 * 24 * 3600)
                }
                #expect(trend.orderCount == inWeek.count, "week of \(trend.periodStart)")
                #expect(trend.revenueCents == inWeek.reduce(0) { $0 + $1.totalCents }, "week of \(trend.periodStart)")
            }
            #expect(trends.contains { $0.orderCount > 0 })

            // Opportunities: a reason each.
            for opportunity in metrics.opportunities {
                #expect(!opportunity.reason.trimmingCharacters(in: .whitespaces).isEmpty)
                #expect(opportunity.estimatedValueCents >= 0)
                #expect(!opportunity.customerId.isEmpty && !opportunity.productId.isEmpty)
            }

            // Conditional GET on the metrics too. The body moves with the clock (days since the last
            // order), so a 200 is allowed only with a new ETag; back to back, a 304 must come.
            var sawNotModified = false
            for _ in 0..<3 where !sawNotModified {
                let fresh = try await client.get(Routes.metrics)
                let etag = try #require(fresh.header("ETag"))
                let conditional = try await client.get(Routes.metrics, headers: [("If-None-Match", etag)])
                if conditional.status == 304 {
                    sawNotModified = true
                    #expect(conditional.body.isEmpty)
                    #expect(conditional.header("ETag") == etag)
                    #expect(conditional.header("Cache-Control") == "private, no-cache")
                } else {
                    #expect(conditional.status == 200)
                    #expect(conditional.header("ETag") != etag, "a 200 for a matching ETag")
                }
            }
            #expect(sawNotModified)
        }
    }

    @Test func startAndEndBoundTheRevenueTrends() async throws {
        try await withServer { server in
            let client = try await server.login("rep@northwind.test")
            let weeks = try await client.get(Routes.metrics).data(InsightsMetrics.self).revenueTrends
            try #require(weeks.count >= 7)
            let week: TimeInterval = 7 * 24 * 3600

            // Aligned on Mondays: exactly those (full) weeks, with the same numbers.
            let aligned = try await Self.metrics(client, start: weeks[1].periodStart, end: weeks[4].periodStart)
            #expect(aligned.revenueTrends == Array(weeks[1..<4]))

            // Mid-week bounds: the weeks touched, each counting only orders inside [start, end).
            let start = weeks[2].periodStart.addingTimeInterval(2 * 24 * 3600 + 3600)
            let end = weeks[5].periodStart.addingTimeInterval(24 * 3600)
            let bounded = try await Self.metrics(client, start: start, end: end).revenueTrends
            #expect(bounded.map(\.periodStart) == weeks[2...5].map(\.periodStart))
            let active = try await Self.allOrders(client).filter { $0.status != OrderStatus.cancelled.rawValue }
            for trend in bounded {
                let from = max(trend.periodStart, start)
                let until = min(trend.periodStart.addingTimeInterval(week), end)
                let inside = active.filter { $0.createdAt >= from && $0.createdAt < until }
                #expect(trend.orderCount == inside.count, "week of \(trend.periodStart)")
                #expect(trend.revenueCents == inside.reduce(0) { $0 + $1.totalCents }, "week of \(trend.periodStart)")
            }
        }
    }

    @Test func anInvalidStartIsAValidationError() async throws {
        try await withServer { server in
            let client = try await server.login("rep@northwind.test")
            let response = try await client.get(Routes.metrics + "?start=last-tuesday")
            #expect(response.status == 400)
            #expect(response.errorCode == "VALIDATION_ERROR")
            #expect(response.errorField == "start")
            #expect(response.json["success"] == .bool(false))
        }
    }

    /// ISO 8601 puts no limit on the digits of a fraction of a second (found by `make fuzz`).
    @Test func aFractionOfASecondMayHaveAnyNumberOfDigits() async throws {
        try await withServer { server in
            let client = try await server.login("rep@northwind.test")
            for start in ["2026-01-01T00:00:00.5Z", "2026-01-01T00:00:00.123456789Z", "2026-01-01T00:00:00.085278008853Z"] {
                let response = try await client.get(Routes.metrics + "?start=\(start)&end=2026-01-02T00:00:00Z")
                #expect(response.status == 200, "start=\(start): \(response.text)")
            }
            // Past nanoseconds the digits are below what a date holds: equal instants, so not before.
            let same = try await client.get(Routes.metrics + "?start=2026-01-01T00:00:00.0000000001Z&end=2026-01-01T00:00:00Z")
            #expect(same.status == 400)
            #expect(same.errorField == "end")
        }
    }

    // MARK: - Who sees what

    @Test func aViewerCanReadInsights() async throws {
        try await withServer { server in
            #expect(try await server.client().get(Routes.briefing).status == 401)
            #expect(try await server.client().get(Routes.metrics).status == 401)
            let viewer = try await server.login("viewer@northwind.test")
            let (_, payload) = try await Self.briefing(viewer)
            let orders = try await Self.allOrders(viewer)
            #expect(Self.recentOrdersValues(payload) == [String(Self.recentOrderCount(orders, at: payload.generatedAt))])
            let metrics = try await viewer.get(Routes.metrics)
            #expect(metrics.status == 200)
            _ = try metrics.data(InsightsMetrics.self)
        }
    }

    @Test func anotherTenantSeesOnlyItsOwnData() async throws {
        try await withServer { server in
            let fjord = try await server.login("rep@fjord.test")
            let northwind = try await server.login("rep@northwind.test")
            let (_, payload) = try await Self.briefing(fjord)
            let fjordOrders = try await Self.allOrders(fjord)
            #expect(!fjordOrders.isEmpty)
            #expect(Self.recentOrdersValues(payload) == [String(Self.recentOrderCount(fjordOrders, at: payload.generatedAt))])
            try await Self.expectFollowable(payload.briefing.drillDownLinks, by: fjord)

            let fjordMetrics = try await fjord.get(Routes.metrics).data(InsightsMetrics.self)
            let northwindMetrics = try await northwind.get(Routes.metrics).data(InsightsMetrics.self)
            let fjordCustomers = Set(fjordOrders.map(\.customer.id))
            #expect(!fjordMetrics.healthScores.isEmpty)
            #expect(Set(fjordMetrics.healthScores.map(\.customerId)).isSubset(of: fjordCustomers))
            #expect(Set(fjordMetrics.healthScores.map(\.customerId)).isDisjoint(with: northwindMetrics.healthScores.map(\.customerId)))
            let trendedOrders = fjordMetrics.revenueTrends.reduce(0) { $0 + $1.orderCount }
            #expect(trendedOrders <= fjordOrders.filter { $0.status != OrderStatus.cancelled.rawValue }.count)
            // A northwind link is not followable by fjord.
            if let link = (try await Self.briefing(northwind)).1.briefing.drillDownLinks.first(where: { $0.url.hasPrefix("/portal/orders/") }) {
                #expect(try await fjord.get("/api" + link.url).status == 404)
            }
        }
    }

    // MARK: - With a language model

    @Test(arguments: [nil, "999"] as [String?])
    func theModelsBriefingIsServedMadeSafe(modelRecentOrders: String?) async throws {
        try await withFakeOpenAI(.status(500)) { openAI in
            try await withServer({
                $0.openAI = .init(apiKey: Self.apiKey, baseURL: openAI.baseURL, model: Self.model, timeoutSeconds: 10)
            }) { server in
                let fjord = try await server.login("rep@fjord.test")
                let foreignCustomer = try #require(
                    try await fjord.get(Routes.customers).data(CustomersPage.self).customers.first)
                let client = try await server.login("rep@northwind.test")
                let orders = try await Self.allOrders(client)
                let ownOrder = try #require(orders.first)
                let product = try #require(
                    try await client.get(Routes.products).data(ProductsPage.self).products.first)
                // A customer of the tenant the rep never sold to is still readable, so its link stays.
                let soldTo = Set(orders.map(\.customer.id))
                let unsoldCustomer = try #require(
                    try await client.get(Routes.customers + "?limit=100").data(CustomersPage.self).customers
                        .first { !soldTo.contains($0.id) })
                let kept = [
                    "/portal/orders/\(ownOrder.id)",
                    "/portal/orders?status=pending",
                    "/portal/customers/\(ownOrder.customer.id)",
                    "/portal/customers/\(unsoldCustomer.id)",
                    "/portal/products/\(product.id)",
                    "/portal/products?q=pinot%20noir",
                ]
                let dropped = [
                    "/portal/orders/ord_does_not_exist",
                    "https://evil.example/x",
                    "/portal/customers/\(foreignCustomer.id)",
                    "/portal/orders?status=lost",
                    "/portal/invoices/\(ownOrder.id)",
                    "/portal/orders/\(ownOrder.id)/",
                    "/portal/products?q=",
                ]
                var keyMetrics = [AIBriefingOutput.KeyMetric(label: "Revenue (last 4 weeks)", value: "$12,345.00", trend: .up)]
                if let modelRecentOrders {
                    keyMetrics.insert(.init(label: "Recent Orders", value: modelRecentOrders, trend: .down), at: 0)
                }
                let written = AIBriefingOutput(
                    summary: Self.modelSummary, keyMetrics: keyMetrics,
                    recommendedActions: [.init(title: "Call the top account", description: "It is behind pace.", priority: .high)],
                    drillDownLinks: zip(dropped + kept, (dropped + kept).indices).map { .init(label: "Link \($1)", url: $0) },
                    confidence: 0.8, sourceDatasets: ["orders"])
                openAI.setMode(.success(written))

                let (_, payload) = try await Self.briefing(client)
                #expect(!payload.cached)
                #expect(payload.briefing.summary == Self.modelSummary)
                #expect(payload.briefing.confidence == 0.8)
                #expect(payload.expiresAt.timeIntervalSince(payload.generatedAt) == 24 * 3600)
                #expect(payload.briefing.recommendedActions.map(\.title) == ["Call the top account"])
                #expect(payload.briefing.drillDownLinks.map(\.url).sorted() == kept.sorted())
                try await Self.expectFollowable(payload.briefing.drillDownLinks, by: client)
                let expected = Self.recentOrderCount(orders, at: payload.generatedAt)
                #expect(String(expected) != modelRecentOrders)
                #expect(Self.recentOrdersValues(payload) == [String(expected)])
                #expect(payload.briefing.keyMetrics.contains { $0.label == "Revenue (last 4 weeks)" && $0.value == "$12,345.00" })

                // What the model was sent.
                let requests = openAI.requests
                #expect(requests.count == 1)
                let request = try #require(requests.first)
                #expect(request.path == "/v1/chat/completions")
                #expect(request.authorization == "Bearer \(Self.apiKey)")
                #expect(request.model == Self.model)
                #expect(request.contentType?.hasPrefix("application/json") == true)
                #expect(request.messages.first?.role == "system")
                #expect(request.messages.contains { $0.role == "user" && $0.content.contains("Recent Orders") })

                // Served from the cache without asking the model again.
                let (_, again) = try await Self.briefing(client)
                #expect(again.cached)
                #expect(again.briefing == payload.briefing)
                #expect(openAI.requestCount == 1)

                let health = try await Self.health(server)
                #expect(health.openAI == "up")
                #expect(health.status == "healthy")
            }
        }
    }

    @Test(arguments: [FakeOpenAIServer.Mode.malformedContent, .status(500), .hang])
    func aFailingModelGetsTheFallback(mode: FakeOpenAIServer.Mode) async throws {
        let timeout: Int64 = if case .hang = mode { 1 } else { 10 }
        try await withFakeOpenAI(mode) { openAI in
            try await withServer({
                $0.openAI = .init(apiKey: Self.apiKey, baseURL: openAI.baseURL, model: Self.model, timeoutSeconds: timeout)
            }) { server in
                let client = try await server.login("rep@northwind.test")
                let (response, payload) = try await Self.briefing(client)
                #expect(response.status == 200)
                #expect(openAI.requestCount >= 1)
                #expect(!payload.cached)
                #expect(payload.briefing.confidence == 0)
                #expect(payload.briefing.summary.contains("temporarily unavailable"))
                let lifetime = payload.expiresAt.timeIntervalSince(payload.generatedAt)
                #expect(lifetime > 0 && lifetime <= 5 * 60)
                let orders = try await Self.allOrders(client)
                #expect(Self.recentOrdersValues(payload) == [String(Self.recentOrderCount(orders, at: payload.generatedAt))])
                try await Self.expectFollowable(payload.briefing.drillDownLinks, by: client)

                let health = try await Self.health(server)
                #expect(health.openAI == "down")
                #expect(health.status == "degraded")
                #expect(health.database == "up")
            }
        }
    }

    @Test func afterTheFallbackExpiresTheModelIsAskedAgain() async throws {
        let clock = ShiftingClock()
        try await withFakeOpenAI(.status(503)) { openAI in
            try await withServer(clock: { clock.now() }, {
                $0.openAI = .init(apiKey: Self.apiKey, baseURL: openAI.baseURL, model: Self.model, timeoutSeconds: 10)
            }) { server in
                let client = try await server.login("rep@northwind.test")
                let (_, fallback) = try await Self.briefing(client)
                #expect(fallback.briefing.confidence == 0)
                #expect(try await Self.health(server).openAI == "down")

                openAI.setMode(
                    .success(
                        AIBriefingOutput(
                            summary: Self.modelSummary, keyMetrics: [], recommendedActions: [], drillDownLinks: [],
                            confidence: 0.7, sourceDatasets: [])))
                clock.advance(by: 5 * 60 + 1)
                let (_, recovered) = try await Self.briefing(client)
                #expect(!recovered.cached)
                #expect(recovered.generatedAt > fallback.generatedAt)
                #expect(recovered.briefing.summary == Self.modelSummary)
                #expect(recovered.briefing.confidence == 0.7)
                #expect(Self.recentOrdersValues(recovered).count == 1)
                #expect(recovered.expiresAt.timeIntervalSince(recovered.generatedAt) == 24 * 3600)
                #expect(openAI.requestCount == 2)
                let health = try await Self.health(server)
                #expect(health.openAI == "up")
                #expect(health.status == "healthy")
            }
        }
    }
}

// MARK: - Helpers

extension InsightsTests {
    static let week: TimeInterval = 7 * 24 * 3600

    /// `GET /insights/briefing`, required to answer 200.
    static func briefing(_ client: TestClient, refresh: Bool = false) async throws -> (TestResponse, BriefingPayload) {
        let response = try await client.get(Routes.briefing + (refresh ? "?refresh=true" : ""))
        guard response.status == 200 else { throw TestFailure("briefing answered \(response.status): \(response.text)") }
        return (response, try response.data(BriefingPayload.self))
    }

    /// `GET /insights/metrics?start=&end=`, required to answer 200.
    static func metrics(_ client: TestClient, start: Date, end: Date) async throws -> InsightsMetrics {
        let path = Routes.metrics + "?start=\(Timestamp.string(from: start))&end=\(Timestamp.string(from: end))"
        let response = try await client.get(path)
        guard response.status == 200 else { throw TestFailure("metrics answered \(response.status): \(response.text)") }
        return try response.data(InsightsMetrics.self)
    }

    /// The values of every "Recent Orders" key metric (the contract wants exactly one).
    static func recentOrdersValues(_ payload: BriefingPayload) -> [String] {
        payload.briefing.keyMetrics.filter { $0.label == "Recent Orders" }.map(\.value)
    }

    /// Every order of the caller, paging through `GET /orders?limit=100`.
    static func allOrders(_ client: TestClient) async throws -> [Order] {
        var orders: [Order] = []
        var seen: Set<String> = []
        var page = 1
        while true {
            let response = try await client.get(Routes.orders + "?limit=100&page=\(page)")
            guard response.status == 200 else { throw TestFailure("orders answered \(response.status): \(response.text)") }
            let batch = try response.data(OrdersPage.self).orders
            for order in batch where seen.insert(order.id).inserted { orders.append(order) }
            let totalPages = response.json["meta"]?["pagination"]?["totalPages"]?.intValue ?? 0
            if batch.isEmpty || page >= totalPages { return orders }
            page += 1
        }
    }

    /// Orders not cancelled, created in the 7 × 24 h up to `now`.
    static func recentOrderCount(_ orders: [Order], at now: Date) -> Int {
        orders.filter {
            $0.status != OrderStatus.cancelled.rawValue && $0.createdAt >= now.addingTimeInterval(-week) && $0.createdAt <= now
        }.count
    }

    /// Whether `url` is one of the contract's drill-down patterns.
    static func matchesContractPattern(_ url: String) -> Bool {
        let encoded = "(?:[A-Za-z0-9._~-]|%[0-9A-Fa-f]{2})+"
        let patterns = [
            "/portal/orders\\?status=(?:pending|confirmed|shipped|delivered|cancelled)",
            "/portal/(?:orders|customers|products)/\(encoded)",
            "/portal/products\\?q=\(encoded)",
        ]
        return patterns.contains { pattern in
            (try? Regex(pattern)).map { url.wholeMatch(of: $0) != nil } ?? false
        }
    }

    /// Every link matches a contract pattern and the API path behind it answers 200 for `client`.
    static func expectFollowable(_ links: [AIBriefingOutput.DrillDownLink], by client: TestClient) async throws {
        for link in links {
            #expect(!link.label.isEmpty)
            #expect(matchesContractPattern(link.url), "\(link.url) is not a contract path")
            let response = try await client.get("/api" + link.url)
            #expect(response.status == 200, "\(link.url) is not readable: \(response.status)")
        }
    }

    static func isMondayMidnightUTC(_ date: Date) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.weekday, .hour, .minute, .second, .nanosecond], from: date)
        return parts.weekday == 2 && parts.hour == 0 && parts.minute == 0 && parts.second == 0 && parts.nanosecond == 0
    }

    /// `/api/health`: overall status, the model's and the database's.
    static func health(_ server: TestServer) async throws -> (status: String?, openAI: String?, database: String?) {
        let response = try await server.client().get(Routes.health)
        let json = response.json
        return (
            json["status"]?.stringValue, json["checks"]?["openai"]?["status"]?.stringValue,
            json["checks"]?["database"]?["status"]?.stringValue
        )
    }
}

/// A wall clock that a test can move forward.
final class ShiftingClock: Sendable {
    private let offset = Mutex<TimeInterval>(0)

    func now() -> Date { Date().addingTimeInterval(offset.withLock { $0 }) }

    func advance(by seconds: TimeInterval) { offset.withLock { $0 += seconds } }
}
