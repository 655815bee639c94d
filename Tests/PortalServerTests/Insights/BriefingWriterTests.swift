#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI
import Testing
@testable import PortalServer

@Suite("Briefing writers")
struct BriefingWriterTests {
    typealias F = InsightFixtures

    @Test func deterministicBriefingIsSpecificAndSafe() async throws {
        let dataset = F.richDataset()
        let context = BriefingContext(dataset: dataset)
        let briefing = try await DeterministicBriefingWriter().write(context)

        let recent = try #require(briefing.keyMetrics.first { $0.label == "Recent Orders" })
        #expect(recent.value == String(InsightsEngine.recentOrderCount(orders: dataset.orders, now: dataset.now)))
        #expect(recent.value == "1")
        #expect(briefing.confidence > 0 && briefing.confidence <= 1)
        #expect(briefing.confidence >= 0.3 && briefing.confidence <= 0.95)
        #expect(!briefing.drillDownLinks.isEmpty)
        let filter = DrillDownLinkFilter(dataset: dataset)
        #expect(filter.filter(briefing.drillDownLinks) == briefing.drillDownLinks)
        #expect(briefing.drillDownLinks.contains { $0.url == "/portal/customers/c_slow" })
        #expect(briefing.drillDownLinks.contains { $0.url == "/portal/orders?status=pending" })

        // Names who is behind pace, who is at risk, the revenue trend with a percentage, the best opportunity.
        #expect(briefing.summary.contains("Slow & Co"))
        #expect(briefing.summary.contains("Gone Tavern"))
        #expect(briefing.summary.contains("%"))
        #expect(briefing.summary.contains(
            "Most behind pace: Slow & Co (40 days since their last order, 4× their usual 10-day rhythm)."))
        // Steady Bistro's p_3 spend (25 × $40 over 170 days) makes it Gone Tavern's best product.
        #expect(briefing.summary.contains("Best opportunity: Product p_3 for Gone Tavern, about $176.47 a month."))
        #expect(briefing.summary.contains("down 27% on the 4 weeks before"))
        #expect(!briefing.summary.contains("99,000"), "the cancelled order is not revenue")

        let priorities = briefing.recommendedActions.map(\.priority)
        #expect(priorities.first == .high)
        let rank: [Priority: Int] = [.high: 0, .medium: 1, .low: 2]
        #expect(priorities.map { rank[$0]! } == priorities.map { rank[$0]! }.sorted())
        #expect(briefing.recommendedActions.contains { $0.title == "Call Slow & Co" && $0.priority == .high })
        #expect(briefing.sourceDatasets == ["orders", "customers", "products", "insights.metrics"])
    }

    @Test func revenueTrendSentenceHasThePercentage() {
        // 4 000 in the last 28 days vs 2 000 in the 28 before: up 100%.
        let orders = [
            F.order("c", at: F.daysAgo(1), total: 3_000), F.order("c", at: F.daysAgo(10), total: 1_000),
            F.order("c", at: F.daysAgo(30), total: 2_000),
        ]
        let briefing = DeterministicBriefingWriter().briefing(
            for: BriefingContext(dataset: InsightDataset(orders: orders, products: [], now: F.now, currency: "EUR")))
        #expect(briefing.summary.contains("Revenue over the last 4 weeks was €40.00 from 2 orders, up 100% on the 4 weeks before (€20.00)."))
        #expect(briefing.keyMetrics.first { $0.label == BriefingKeyMetrics.revenueLabel }?.value == "€40.00")
        #expect(briefing.keyMetrics.first { $0.label == BriefingKeyMetrics.revenueLabel }?.trend == .up)
    }

    @Test func userWithoutOrdersStillGetsABriefing() async throws {
        let dataset = InsightDataset(orders: [], products: [F.product("p_1")], now: F.now, currency: "USD")
        let briefing = try await DeterministicBriefingWriter().write(BriefingContext(dataset: dataset))
        #expect(briefing.keyMetrics.first?.label == "Recent Orders")
        #expect(briefing.keyMetrics.first?.value == "0")
        #expect(briefing.confidence == 0.3)
        #expect(briefing.drillDownLinks.isEmpty)
        #expect(briefing.summary.contains("no orders yet"))
        #expect(briefing.recommendedActions.count == 1)
    }

    @Test func confidenceGrowsWithHistory() {
        let thin = BriefingContext(dataset: InsightDataset(
            orders: F.orders("c", daysAgo: [3]), products: [], now: F.now, currency: "USD"))
        let rich = BriefingContext(dataset: F.richDataset())
        let thinConfidence = DeterministicBriefingWriter.confidence(for: thin)
        let richConfidence = DeterministicBriefingWriter.confidence(for: rich)
        #expect(thinConfidence > 0.3 && thinConfidence < richConfidence)
        #expect(richConfidence == 0.95)  // 40 orders over 24 weeks
    }

    @Test func fallbackCarriesTheRawMetrics() {
        let context = BriefingContext(dataset: F.richDataset())
        let fallback = FallbackBriefing.make(for: context)
        #expect(fallback.confidence == 0)
        #expect(fallback.summary.contains("temporarily unavailable"))
        #expect(fallback.keyMetrics == BriefingKeyMetrics.keyMetrics(for: context))
        #expect(fallback.keyMetrics.contains { $0.label == "Recent Orders" && $0.value == "1" })
        #expect(fallback.recommendedActions.isEmpty && fallback.drillDownLinks.isEmpty)

        let minimal = FallbackBriefing.make(recentOrderCount: 7)
        #expect(minimal.keyMetrics == [AIBriefingOutput.KeyMetric(label: "Recent Orders", value: "7", trend: .up)])
        #expect(minimal.confidence == 0 && minimal.summary.contains("temporarily unavailable"))
    }

    @Test func sanitizerEnforcesTheContract() {
        let dataset = F.richDataset()
        let context = BriefingContext(dataset: dataset)
        let written = AIBriefingOutput(
            summary: "s",
            keyMetrics: [
                AIBriefingOutput.KeyMetric(label: "Revenue", value: "$1", trend: .up),
                AIBriefingOutput.KeyMetric(label: "recent orders", value: "42", trend: .up),
            ],
            recommendedActions: [],
            drillDownLinks: [
                AIBriefingOutput.DrillDownLink(label: "ok", url: "/portal/customers/c_slow"),
                AIBriefingOutput.DrillDownLink(label: "foreign", url: "/portal/customers/c_elsewhere"),
                AIBriefingOutput.DrillDownLink(label: "web", url: "https://example.com"),
            ],
            confidence: 0, sourceDatasets: ["made-up"])
        let safe = BriefingSanitizer.sanitize(written, context: context, filter: DrillDownLinkFilter(dataset: dataset))
        #expect(safe.keyMetrics.map(\.label) == ["Recent Orders", "Revenue"])
        #expect(safe.keyMetrics[0].value == "1")
        #expect(safe.drillDownLinks.map(\.label) == ["ok"])
        #expect(safe.confidence == BriefingSanitizer.minimumConfidence)
        #expect(safe.sourceDatasets == context.sourceDatasets)
    }

    @Test func moneyIsFormattedWithoutLocale() {
        #expect(BriefingMoney.format(cents: 123_456_789, currency: "USD") == "$1,234,567.89")
        #expect(BriefingMoney.format(cents: 5, currency: "CHF") == "CHF 0.05")
        #expect(BriefingMoney.format(cents: 1_200, currency: "JPY") == "¥1,200")
        #expect(BriefingMoney.format(cents: -100_050, currency: "eur") == "-€1,000.50")
        #expect(BriefingMoney.format(cents: 1_000_000, currency: "KWD") == "KWD 1,000.000")
        #expect(BriefingMoney.format(cents: 0, currency: "GBP") == "£0.00")
    }
}
