#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI
@testable import PortalServer

/// Hand-built insight datasets for the insights tests.
enum InsightFixtures {
    /// Saturday 2026-11-28 12:00 UTC.
    static let now = utc("2026-11-28T12:00:00Z")

    static func utc(_ text: String) -> Date {
        guard let date = Timestamp.date(from: text) else { fatalError("bad timestamp \(text)") }
        return date
    }

    /// `days` days before `now` (fractional days allowed).
    static func daysAgo(_ days: Double, from reference: Date = now) -> Date {
        reference.addingTimeInterval(-days * 86_400)
    }

    static func order(
        _ customerId: String, name: String? = nil, at date: Date, total: Int = 1_000, status: String = "delivered",
        id: String? = nil, lines: [InsightOrderLine]? = nil
    ) -> InsightOrder {
        let orderId = id ?? "o_\(customerId)_\(Int(date.timeIntervalSince1970))_\(total)"
        return InsightOrder(
            id: orderId, orderNumber: "SO-\(orderId)", customerId: customerId, customerName: name ?? "Name \(customerId)",
            createdAt: date, status: status, totalCents: total,
            lines: lines ?? [InsightOrderLine(productId: "p_default", productName: "Default", quantity: 1, lineTotalCents: total)])
    }

    /// Orders of `customerId` at each of `days` days ago.
    static func orders(_ customerId: String, name: String? = nil, daysAgo days: [Double], total: Int = 1_000) -> [InsightOrder] {
        days.map { order(customerId, name: name, at: daysAgo($0), total: total) }
    }

    static func line(_ productId: String, _ cents: Int, quantity: Int = 1) -> InsightOrderLine {
        InsightOrderLine(productId: productId, productName: "Product \(productId)", quantity: quantity, lineTotalCents: cents)
    }

    static func product(_ id: String, active: Bool = true, price: Int = 1_000) -> InsightProduct {
        InsightProduct(id: id, name: "Product \(id)", unitPriceCents: price, active: active)
    }

    /// A realistic dataset: a steady account, one far behind pace, one lapsed, cross-sell candidates,
    /// a pending order and a cancelled one.
    static func richDataset() -> InsightDataset {
        var orders: [InsightOrder] = []
        // Steady: every 7 days, last 2 days ago, buys p_1 p_2 p_3.
        for (index, day) in stride(from: 2.0, through: 170, by: 7).enumerated() {
            orders.append(order("c_steady", name: "Steady Bistro", at: daysAgo(day), total: 12_000,
                                status: index == 0 ? "pending" : "delivered",
                                lines: [line("p_1", 4_000), line("p_2", 4_000), line("p_3", 4_000)]))
        }
        // Behind pace: every 10 days until 40 days ago; buys p_1 p_2 p_4.
        for day in stride(from: 40.0, through: 160, by: 10) {
            orders.append(order("c_slow", name: "Slow & Co", at: daysAgo(day), total: 9_000,
                                lines: [line("p_1", 3_000), line("p_2", 3_000), line("p_4", 3_000)]))
        }
        // Lapsed: two orders long ago; buys p_1 p_2.
        orders.append(order("c_gone", name: "Gone Tavern", at: daysAgo(150), total: 5_000,
                            lines: [line("p_1", 2_500), line("p_2", 2_500)]))
        orders.append(order("c_gone", name: "Gone Tavern", at: daysAgo(120), total: 5_000,
                            lines: [line("p_1", 2_500), line("p_2", 2_500)]))
        // A cancelled order yesterday counts for nothing.
        orders.append(order("c_gone", name: "Gone Tavern", at: daysAgo(1), total: 99_000, status: "cancelled",
                            id: "o_cancelled", lines: [line("p_9", 99_000)]))
        return InsightDataset(
            orders: orders,
            products: [product("p_1"), product("p_2"), product("p_3"), product("p_4"), product("p_9")],
            now: now, currency: "USD")
    }
}
