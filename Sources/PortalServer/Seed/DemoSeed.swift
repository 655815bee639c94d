#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension SeedDataset {
    /// The demo dataset: two tenants, their users, catalogues and customers, and about half
    /// a year of orders ending at `anchor`.
    ///
    /// Fully determined by `anchor` (no clock, no system randomness). Moving the anchor moves
    /// every timestamp but keeps the same orders, lines, statuses and ids. Orders of each
    /// tenant are numbered oldest first (`ord_nw_000001`, `NW-10001`).
    static func demo(anchor: Date) -> SeedDataset {
        var dataset = directory(of: DemoTenantPlan.all)
        for plan in DemoTenantPlan.all {
            dataset.orders += demoOrders(of: plan, anchor: anchor)
        }
        return dataset
    }

    /// Tenants, users, products and customers of `plans`, without orders.
    static func directory(of plans: [DemoTenantPlan]) -> SeedDataset {
        SeedDataset(
            tenants: plans.map(\.tenant), users: plans.flatMap(\.users), products: plans.flatMap(\.products),
            customers: plans.flatMap(\.customers), orders: [])
    }

    /// The orders of one tenant, following each customer's rhythm, oldest first.
    private static func demoOrders(of plan: DemoTenantPlan, anchor: Date) -> [SeedOrder] {
        let factory = SeedOrderFactory(plan: plan, anchor: anchor)
        var rng = SeededGenerator(seed: plan.seed)
        let favorites = factory.favorites(using: &rng)
        var drafts: [SeedOrderFactory.Draft] = []
        for (index, profile) in plan.profiles.enumerated() {
            for day in profile.rhythm.orderDays(periodDays: SeedOrderFactory.periodDays, using: &rng) {
                let createdAt = factory.createdAt(day: day, using: &rng)
                drafts.append(
                    factory.draft(
                        customerIndex: index, favorites: favorites[index], day: day, createdAt: createdAt,
                        placedBy: profile.repId, using: &rng))
            }
        }
        let chronological = drafts.enumerated()
            .sorted { ($0.element.createdAt, $0.offset) < ($1.element.createdAt, $1.offset) }
            .map(\.element)
        return factory.orders(from: chronological)
    }
}
