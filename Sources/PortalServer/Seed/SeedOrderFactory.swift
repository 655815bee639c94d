#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PortalAPI

/// Draws the orders of one demo tenant: lines, status and timestamps, relative to an anchor.
///
/// Time is handled in whole seconds since 1970 so that every timestamp survives a round
/// trip through the contract's ISO 8601 format unchanged.
struct SeedOrderFactory: Sendable {
    /// Orders are placed within this many days before the anchor.
    static let periodDays = 180
    static let secondsPerDay: Int64 = 86_400

    /// An order before ids are given to it.
    struct Draft: Sendable {
        var customerIndex: Int
        var placedBy: String
        var createdAt: Int64
        var updatedAt: Int64
        var status: String
        var notes: String?
        var lines: [DraftLine]
    }

    /// A line of a draft: an index into the tenant's products and a quantity.
    struct DraftLine: Sendable {
        var productIndex: Int
        var quantity: Int
    }

    let plan: DemoTenantPlan
    let products: [SeedProduct]
    let customers: [SeedCustomer]
    /// The anchor, rounded down to a whole second.
    let anchorSeconds: Int64
    /// Local midnight (at the plan's fixed offset) that starts the anchor's day.
    let todayStart: Int64
    /// For each customer, the indices of the active products it may order.
    private let candidates: [[Int]]

    init(plan: DemoTenantPlan, anchor: Date) {
        self.plan = plan
        products = plan.products
        customers = plan.customers
        anchorSeconds = Int64(anchor.timeIntervalSince1970.rounded(.down))
        let offset = Int64(plan.utcOffsetHours) * 3_600
        let localDays = (anchorSeconds + offset).floorDivided(by: Self.secondsPerDay)
        todayStart = localDays * Self.secondsPerDay - offset
        let active = plan.catalog.indices.filter { plan.catalog[$0].active }
        candidates = plan.profiles.map { profile in
            let wanted = Set(profile.categories)
            let matching = active.filter { wanted.contains(plan.catalog[$0].category) }
            return matching.isEmpty ? active : matching
        }
    }

    /// For each customer, the handful of products it orders most of the time.
    func favorites(using rng: inout SeededGenerator) -> [[Int]] {
        candidates.map { rng.sample($0, count: rng.int(in: 5 ... 10)) }
    }

    /// Which day (0 = the anchor's day, 1 = the day before, …) `seconds` falls on.
    func day(of seconds: Int64) -> Int {
        seconds >= todayStart ? 0 : Int((todayStart - 1 - seconds) / Self.secondsPerDay) + 1
    }

    /// A time within local business hours on `day`, never after the anchor.
    func createdAt(day: Int, using rng: inout SeededGenerator) -> Int64 {
        let time = todayStart - Int64(day) * Self.secondsPerDay + Int64(rng.int(in: 8 * 3_600 ... 18 * 3_600))
        // Drawn whatever the anchor's time of day, so that the rest of the stream does not depend on it.
        let earlier = Int64(rng.int(in: 300 ... 5_400))
        return time > anchorSeconds ? anchorSeconds - earlier : time
    }

    /// One order of `customerIndex`, created at `createdAt` on `day`.
    func draft(
        customerIndex: Int, favorites: [Int], day: Int, createdAt: Int64, placedBy: String,
        using rng: inout SeededGenerator
    ) -> Draft {
        let profile = plan.profiles[customerIndex]
        let status = status(day: day, using: &rng)
        let updatedAt = min(anchorSeconds, createdAt + statusDelay(status, using: &rng))
        let notes: String? = rng.chance(0.12) ? rng.pick(plan.orderNotes) : nil
        return Draft(
            customerIndex: customerIndex, placedBy: placedBy, createdAt: createdAt, updatedAt: updatedAt,
            status: status, notes: notes,
            lines: lines(kind: profile.kind, favorites: favorites, others: candidates[customerIndex], using: &rng))
    }

    /// Distinct products, mostly favourites, with plausible quantities.
    private func lines(
        kind: SeedCustomerKind, favorites: [Int], others: [Int], using rng: inout SeededGenerator
    ) -> [DraftLine] {
        let wanted = rng.int(in: kind.linesPerOrder)
        var lines: [DraftLine] = []
        lines.reserveCapacity(wanted)
        var attempts = 0
        while lines.count < wanted, attempts < wanted * 4 {
            attempts += 1
            let pool = favorites.isEmpty || rng.chance(0.15) ? others : favorites
            let productIndex = rng.pick(pool)
            if lines.contains(where: { $0.productIndex == productIndex }) { continue }
            lines.append(DraftLine(productIndex: productIndex, quantity: quantity(of: productIndex, kind: kind, using: &rng)))
        }
        return lines
    }

    private func quantity(of productIndex: Int, kind: SeedCustomerKind, using rng: inout SeededGenerator) -> Int {
        let entry = plan.catalog[productIndex]
        if entry.unit == "case" { return rng.int(in: kind.casesPerLine) }
        if entry.unitPriceCents >= plan.premiumPriceCents { return rng.int(in: 1 ... 3) }
        return rng.int(in: kind.bottlesPerLine)
    }

    /// A status plausible for an order `day` days old; about 5 % are cancelled.
    private func status(day: Int, using rng: inout SeededGenerator) -> String {
        orderStatus(day: day, using: &rng).rawValue
    }

    private func orderStatus(day: Int, using rng: inout SeededGenerator) -> OrderStatus {
        if rng.chance(0.05) { return .cancelled }
        let roll = rng.unit()
        switch day {
        case 0: return roll < 0.75 ? .pending : .confirmed
        case 1: return roll < 0.4 ? .pending : roll < 0.85 ? .confirmed : .shipped
        case 2 ... 3: return roll < 0.1 ? .pending : roll < 0.35 ? .confirmed : .shipped
        case 4 ... 6: return roll < 0.4 ? .shipped : .delivered
        default: return .delivered
        }
    }

    /// Seconds between an order's creation and its last change to `status`.
    private func statusDelay(_ status: String, using rng: inout SeededGenerator) -> Int64 {
        switch status {
        case "confirmed": Int64(rng.int(in: 1_200 ... 21_600))
        case "shipped": Int64(rng.int(in: 6 * 3_600 ... 36 * 3_600))
        case "delivered": Int64(rng.int(in: 24 * 3_600 ... 96 * 3_600))
        case "cancelled": Int64(rng.int(in: 600 ... 72_000))
        default: 0
        }
    }

    /// The drafts as orders, numbered in the order given (which should be oldest first).
    func orders(from drafts: [Draft]) -> [SeedOrder] {
        var orders: [SeedOrder] = []
        orders.reserveCapacity(drafts.count)
        var lineNumber = 0
        for (index, draft) in drafts.enumerated() {
            var lines: [SeedOrderLine] = []
            lines.reserveCapacity(draft.lines.count)
            for line in draft.lines {
                lineNumber += 1
                let product = products[line.productIndex]
                lines.append(
                    SeedOrderLine(
                        id: SeedIds.make("line", plan.idCode, lineNumber, width: 7), productId: product.id,
                        quantity: line.quantity, unitPriceCents: product.unitPriceCents))
            }
            orders.append(
                SeedOrder(
                    id: SeedIds.make("ord", plan.idCode, index + 1, width: 6), tenantId: plan.tenant.id,
                    orderNumber: plan.orderNumberPrefix + "-" + String(10_000 + index + 1),
                    customerId: customers[draft.customerIndex].id, placedBy: draft.placedBy,
                    createdAt: Date(timeIntervalSince1970: Double(draft.createdAt)),
                    updatedAt: Date(timeIntervalSince1970: Double(draft.updatedAt)),
                    status: draft.status, notes: draft.notes, lines: lines))
        }
        return orders
    }
}

extension Int64 {
    /// Division rounding towards minus infinity.
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
