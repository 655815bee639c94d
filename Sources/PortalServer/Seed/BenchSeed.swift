#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension SeedDataset {
    /// The demo tenants, users, products and customers with exactly `orders` orders, all
    /// placed by `rep@northwind.test`, for load tests.
    ///
    /// The orders are spread evenly over the 180 days before `anchor`, oldest first, across
    /// Northwind's customers in proportion to how often each one orders. Linear in `orders`
    /// and deterministic given `orders` and `anchor`.
    static func bench(orders count: Int, anchor: Date) -> SeedDataset {
        precondition(count >= 0, "the order count must not be negative")
        var dataset = directory(of: DemoTenantPlan.all)
        let plan = DemoTenantPlan.northwind
        let factory = SeedOrderFactory(plan: plan, anchor: anchor)
        var rng = SeededGenerator(seed: plan.seed ^ 0xBE7C_0000_0000)
        let favorites = factory.favorites(using: &rng)

        var cumulativeWeights: [Double] = []
        var totalWeight = 0.0
        for profile in plan.profiles {
            totalWeight += 1 / profile.rhythm.meanIntervalDays
            cumulativeWeights.append(totalWeight)
        }

        let span = Int64(SeedOrderFactory.periodDays) * SeedOrderFactory.secondsPerDay - 120
        let start = factory.anchorSeconds - span - 60
        var drafts: [SeedOrderFactory.Draft] = []
        drafts.reserveCapacity(count)
        for index in 0 ..< count {
            // Disjoint slots keep creation times in order, so no sort is needed.
            let slotStart = start + span * Int64(index) / Int64(count)
            let slotEnd = start + span * Int64(index + 1) / Int64(count)
            let createdAt = slotStart + Int64(rng.below(Int(max(1, slotEnd - slotStart))))
            let target = rng.unit() * totalWeight
            let customerIndex = cumulativeWeights.firstIndex { target < $0 } ?? plan.profiles.count - 1
            drafts.append(
                factory.draft(
                    customerIndex: customerIndex, favorites: favorites[customerIndex], day: factory.day(of: createdAt),
                    createdAt: createdAt, placedBy: DemoAccounts.northwindRep, using: &rng))
        }
        dataset.orders = factory.orders(from: drafts)
        return dataset
    }
}
