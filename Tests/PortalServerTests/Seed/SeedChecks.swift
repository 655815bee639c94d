#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Testing

@testable import PortalServer

/// Checks shared by the demo and bench seed tests.
enum SeedChecks {
    static let day: TimeInterval = 86_400

    /// The user with `email`; fails the test when there is none.
    static func user(_ data: SeedDataset, _ email: String) -> SeedUser {
        let found = data.users.first { $0.email == email }
        #expect(found != nil, "no user \(email)")
        return found ?? SeedUser(id: "", tenantId: "", email: email, name: "", roles: [])
    }

    /// Ids of every kind are unique across the dataset and safe in a URL path segment.
    static func expectUniqueIds(_ data: SeedDataset) {
        var ids: [String] = data.tenants.map(\.id)
        ids += data.users.map(\.id)
        ids += data.products.map(\.id)
        ids += data.customers.map(\.id)
        ids += data.orders.map(\.id)
        ids += data.orders.flatMap { $0.lines.map(\.id) }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && !$0.isWhitespace && $0 != "/" } })
    }

    /// Every order's user, customer and products belong to the order's tenant.
    static func expectTenantConsistency(_ data: SeedDataset) {
        let tenants = Set(data.tenants.map(\.id))
        let userTenant = Dictionary(uniqueKeysWithValues: data.users.map { ($0.id, $0.tenantId) })
        let productTenant = Dictionary(uniqueKeysWithValues: data.products.map { ($0.id, $0.tenantId) })
        let customerTenant = Dictionary(uniqueKeysWithValues: data.customers.map { ($0.id, $0.tenantId) })
        #expect(data.users.allSatisfy { tenants.contains($0.tenantId) })
        #expect(data.products.allSatisfy { tenants.contains($0.tenantId) })
        #expect(data.customers.allSatisfy { tenants.contains($0.tenantId) })
        var mismatches = 0
        for order in data.orders {
            if !tenants.contains(order.tenantId) { mismatches += 1 }
            if userTenant[order.placedBy] != order.tenantId { mismatches += 1 }
            if customerTenant[order.customerId] != order.tenantId { mismatches += 1 }
            for line in order.lines where productTenant[line.productId] != order.tenantId { mismatches += 1 }
        }
        #expect(mismatches == 0)
        let placers = Set(data.orders.map(\.placedBy))
        #expect(placers.allSatisfy { id in data.users.first { $0.id == id }?.roles.contains("sales_rep") == true })
    }

    /// Orders were created within the 180 days before `anchor` and last changed since, in whole seconds.
    static func expectDates(_ data: SeedDataset, anchor: Date) {
        let earliest = anchor.addingTimeInterval(-180 * day)
        var bad = 0
        for order in data.orders {
            if order.createdAt < earliest || order.createdAt > anchor { bad += 1 }
            if order.updatedAt < order.createdAt || order.updatedAt > anchor { bad += 1 }
            let created = order.createdAt.timeIntervalSince1970
            let updated = order.updatedAt.timeIntervalSince1970
            if created.rounded() != created || updated.rounded() != updated { bad += 1 }
        }
        #expect(bad == 0)
    }

    /// Each tenant's orders are stored oldest first.
    static func expectChronological(_ data: SeedDataset) {
        for tenant in data.tenants {
            let orders = data.orders.filter { $0.tenantId == tenant.id }
            #expect(zip(orders, orders.dropFirst()).allSatisfy { $0.createdAt <= $1.createdAt }, "\(tenant.slug)")
        }
    }

    /// Lines name distinct active products at their catalogue price, in plausible quantities.
    static func expectPlausibleLines(_ data: SeedDataset) {
        let products = Dictionary(uniqueKeysWithValues: data.products.map { ($0.id, $0) })
        var bad = 0
        for order in data.orders {
            if order.lines.isEmpty || order.lines.count > 8 { bad += 1 }
            if Set(order.lines.map(\.productId)).count != order.lines.count { bad += 1 }
            for line in order.lines {
                guard let product = products[line.productId] else {
                    bad += 1
                    continue
                }
                if !product.active || line.unitPriceCents != product.unitPriceCents { bad += 1 }
                let limit = product.unit == "case" ? 6 : 24
                if !(1 ... limit).contains(line.quantity) { bad += 1 }
            }
        }
        #expect(bad == 0)
    }
}
