import PortalAPI

// Which numbers of the contract's answers are exact and which are hints (see `WireNumbers`). A
// `version` is neither: it is echoed back as `expectedVersion`, never computed with.

extension Envelope: CheckedNumbers where Payload: CheckedNumbers {
    func checkingNumbers(_ checker: NumberChecker) throws(NumberOutOfRange) -> Self {
        var copy = self
        copy.data = try data.checkingNumbers(checker.field("data"))
        copy.meta = meta.map { Meta(pagination: $0.pagination.clampingNumbers()) }
        return copy
    }
}

extension Pagination {
    /// Hints all: a page past the last is an empty list, a wrong total a wrong scroll bar.
    func clampingNumbers() -> Pagination {
        let checker = NumberChecker()
        var copy = self
        copy.page = checker.clamped(page, in: WireLimits.page)
        copy.limit = checker.clamped(limit, in: WireLimits.limit)
        copy.total = checker.clamped(total, in: WireLimits.count)
        copy.totalPages = checker.clamped(totalPages, in: WireLimits.count)
        return copy
    }
}

extension OrdersPage: CheckedNumbers {
    func checkingNumbers(_ checker: NumberChecker) throws(NumberOutOfRange) -> Self {
        OrdersPage(orders: try checker.each(orders, "orders"))
    }
}

extension OrderPayload: CheckedNumbers {
    func checkingNumbers(_ checker: NumberChecker) throws(NumberOutOfRange) -> Self {
        OrderPayload(order: try order.checkingNumbers(checker.field("order")))
    }
}

extension Order: CheckedNumbers {
    func checkingNumbers(_ checker: NumberChecker) throws(NumberOutOfRange) -> Self {
        var copy = self
        copy.lines = try checker.each(lines, "lines")
        copy.itemCount = try checker.exact(itemCount, "itemCount", in: WireLimits.count)
        copy.subtotalCents = try checker.exact(subtotalCents, "subtotalCents", in: WireLimits.money)
        copy.taxCents = try checker.exact(taxCents, "taxCents", in: WireLimits.money)
        copy.totalCents = try checker.exact(totalCents, "totalCents", in: WireLimits.money)
        return copy
    }
}

extension OrderLine: CheckedNumbers {
    func checkingNumbers(_ checker: NumberChecker) throws(NumberOutOfRange) -> Self {
        var copy = self
        copy.quantity = try checker.exact(quantity, "quantity", in: WireLimits.quantity)
        copy.unitPriceCents = try checker.exact(unitPriceCents, "unitPriceCents", in: WireLimits.money)
        copy.lineTotalCents = try checker.exact(lineTotalCents, "lineTotalCents", in: WireLimits.money)
        return copy
    }
}

extension CartPayload: CheckedNumbers {
    func checkingNumbers(_ checker: NumberChecker) throws(NumberOutOfRange) -> Self {
        CartPayload(cart: try cart.checkingNumbers(checker.field("cart")))
    }
}

extension Cart: CheckedNumbers {
    func checkingNumbers(_ checker: NumberChecker) throws(NumberOutOfRange) -> Self {
        var copy = self
        copy.items = try checker.each(items, "items")
        copy.itemCount = try checker.exact(itemCount, "itemCount", in: WireLimits.count)
        copy.subtotalCents = try checker.exact(subtotalCents, "subtotalCents", in: WireLimits.money)
        copy.taxCents = try checker.exact(taxCents, "taxCents", in: WireLimits.money)
        copy.totalCents = try checker.exact(totalCents, "totalCents", in: WireLimits.money)
        return copy
    }
}

extension CartItem: CheckedNumbers {
    func checkingNumbers(_ checker: NumberChecker) throws(NumberOutOfRange) -> Self {
        var copy = self
        copy.quantity = try checker.exact(quantity, "quantity", in: WireLimits.quantity)
        copy.unitPriceCents = try checker.exact(unitPriceCents, "unitPriceCents", in: WireLimits.money)
        copy.lineTotalCents = try checker.exact(lineTotalCents, "lineTotalCents", in: WireLimits.money)
        return copy
    }
}

extension ProductsPage: CheckedNumbers {
    func checkingNumbers(_ checker: NumberChecker) throws(NumberOutOfRange) -> Self {
        ProductsPage(products: try checker.each(products, "products"))
    }
}

extension ProductPayload: CheckedNumbers {
    func checkingNumbers(_ checker: NumberChecker) throws(NumberOutOfRange) -> Self {
        ProductPayload(product: try product.checkingNumbers(checker.field("product")))
    }
}

extension Product: CheckedNumbers {
    func checkingNumbers(_ checker: NumberChecker) throws(NumberOutOfRange) -> Self {
        var copy = self
        copy.unitPriceCents = try checker.exact(unitPriceCents, "unitPriceCents", in: WireLimits.money)
        copy.packSize = try checker.exact(packSize, "packSize", in: WireLimits.packSize)
        copy.inventory = try inventory.checkingNumbers(checker.field("inventory"))
        return copy
    }
}

extension InventoryList: CheckedNumbers {
    func checkingNumbers(_ checker: NumberChecker) throws(NumberOutOfRange) -> Self {
        InventoryList(inventory: try checker.each(inventory, "inventory"))
    }
}

extension Inventory: CheckedNumbers {
    func checkingNumbers(_ checker: NumberChecker) throws(NumberOutOfRange) -> Self {
        var copy = self
        copy.onHand = try checker.exact(onHand, "onHand", in: WireLimits.stock)
        copy.reserved = try checker.exact(reserved, "reserved", in: WireLimits.stock)
        copy.available = try checker.exact(available, "available", in: WireLimits.count)
        return copy
    }
}

extension CustomersPage: CheckedNumbers {
    func checkingNumbers(_ checker: NumberChecker) throws(NumberOutOfRange) -> Self {
        CustomersPage(customers: try checker.each(customers, "customers"))
    }
}

extension CustomerPayload: CheckedNumbers {
    func checkingNumbers(_ checker: NumberChecker) throws(NumberOutOfRange) -> Self {
        CustomerPayload(customer: try customer.checkingNumbers(checker.field("customer")))
    }
}

extension Customer: CheckedNumbers {
    func checkingNumbers(_ checker: NumberChecker) throws(NumberOutOfRange) -> Self {
        var copy = self
        copy.healthScore = checker.clamped(healthScore, in: WireLimits.score)
        return copy
    }
}

extension BriefingPayload: CheckedNumbers {
    func checkingNumbers(_ checker: NumberChecker) throws(NumberOutOfRange) -> Self {
        var copy = self
        copy.briefing.confidence = checker.clamped(briefing.confidence, in: WireLimits.confidence)
        return copy
    }
}

extension InsightsMetrics: CheckedNumbers {
    func checkingNumbers(_ checker: NumberChecker) throws(NumberOutOfRange) -> Self {
        var copy = self
        copy.healthScores = try checker.each(healthScores, "healthScores")
        copy.paceDeviations = try checker.each(paceDeviations, "paceDeviations")
        copy.revenueTrends = try checker.each(revenueTrends, "revenueTrends")
        copy.opportunities = try checker.each(opportunities, "opportunities")
        return copy
    }
}

extension InsightsMetrics.HealthScore: CheckedNumbers {
    func checkingNumbers(_ checker: NumberChecker) throws(NumberOutOfRange) -> Self {
        var copy = self
        copy.score = checker.clamped(score, in: WireLimits.score)
        return copy
    }
}

extension InsightsMetrics.PaceDeviation: CheckedNumbers {
    func checkingNumbers(_ checker: NumberChecker) throws(NumberOutOfRange) -> Self {
        var copy = self
        copy.expectedIntervalDays = checker.clamped(expectedIntervalDays, in: WireLimits.days)
        copy.daysSinceLastOrder = checker.clamped(daysSinceLastOrder, in: WireLimits.days)
        copy.deviation = checker.clamped(deviation, in: WireLimits.days)
        return copy
    }
}

extension InsightsMetrics.RevenueTrend: CheckedNumbers {
    func checkingNumbers(_ checker: NumberChecker) throws(NumberOutOfRange) -> Self {
        var copy = self
        copy.revenueCents = try checker.exact(revenueCents, "revenueCents", in: WireLimits.money)
        copy.orderCount = try checker.exact(orderCount, "orderCount", in: WireLimits.count)
        return copy
    }
}

extension InsightsMetrics.Opportunity: CheckedNumbers {
    func checkingNumbers(_ checker: NumberChecker) throws(NumberOutOfRange) -> Self {
        var copy = self
        copy.estimatedValueCents = try checker.exact(estimatedValueCents, "estimatedValueCents", in: WireLimits.money)
        return copy
    }
}

extension HealthReport: CheckedNumbers {
    func checkingNumbers(_ checker: NumberChecker) throws(NumberOutOfRange) -> Self {
        var copy = self
        for keyPath in [\Checks.database, \Checks.openai, \Checks.webhooks] {
            copy.checks[keyPath: keyPath].responseTime = checker.clamped(checks[keyPath: keyPath].responseTime, in: WireLimits.gauge)
            copy.checks[keyPath: keyPath].queueDepth = checker.clamped(checks[keyPath: keyPath].queueDepth, in: WireLimits.gauge)
        }
        return copy
    }
}

extension WebhookDeliveriesPage: CheckedNumbers {
    func checkingNumbers(_ checker: NumberChecker) throws(NumberOutOfRange) -> Self {
        WebhookDeliveriesPage(deliveries: try checker.each(deliveries, "deliveries"))
    }
}

extension WebhookDelivery: CheckedNumbers {
    func checkingNumbers(_ checker: NumberChecker) throws(NumberOutOfRange) -> Self {
        var copy = self
        copy.attempts = checker.clamped(attempts, in: WireLimits.gauge)
        copy.lastStatus = checker.clamped(lastStatus, in: WireLimits.httpStatus)
        return copy
    }
}
