import PortalAPI

/// One demo tenant before orders are drawn: the tenant, its users, catalogue and customer
/// profiles, and what its ids and order numbers look like.
struct DemoTenantPlan: Sendable {
    var tenant: SeedTenant
    /// Infix of every id of the tenant, e.g. `nw` in `prod_nw_0001`.
    var idCode: String
    /// Prefix of the tenant's order numbers, e.g. `NW` in `NW-10001`.
    var orderNumberPrefix: String
    /// Prefix of the tenant's customer account numbers.
    var accountPrefix: String
    /// Fixed offset used to place orders within local business hours (no daylight saving).
    var utcOffsetHours: Int
    var users: [SeedUser]
    var catalog: [SeedCatalogEntry]
    var profiles: [SeedCustomerProfile]
    /// Order notes to draw from (most orders have none).
    var orderNotes: [String]
    /// A bottle at or above this price is ordered one to three at a time.
    var premiumPriceCents: Int
    /// Seed of the tenant's random stream.
    var seed: UInt64

    /// The catalogue with ids and SKUs (`RED-101`, `RED-102`, … per category).
    var products: [SeedProduct] {
        var nextNumber: [SeedCategory: Int] = [:]
        return catalog.enumerated().map { index, entry in
            let number = nextNumber[entry.category, default: 101]
            nextNumber[entry.category] = number + 1
            return SeedProduct(
                id: SeedIds.make("prod", idCode, index + 1, width: 4), tenantId: tenant.id,
                sku: "\(entry.category.skuPrefix)-\(number)", name: entry.name, brand: entry.brand,
                category: entry.category.rawValue, description: entry.description,
                unitPriceCents: entry.unitPriceCents, unit: entry.unit, packSize: entry.packSize,
                active: entry.active, onHand: entry.onHand, reserved: entry.reserved)
        }
    }

    /// The customer profiles with ids and account numbers.
    var customers: [SeedCustomer] {
        profiles.enumerated().map { index, profile in
            SeedCustomer(
                id: SeedIds.make("cust", idCode, index + 1, width: 4), tenantId: tenant.id, name: profile.name,
                accountNumber: "\(accountPrefix)\(10_000 + (index + 1) * 7)", city: profile.city)
        }
    }
}

extension DemoTenantPlan {
    /// Every demo tenant, in dataset order.
    static let all: [DemoTenantPlan] = [northwind, fjord]

    /// Northwind Wine & Spirits, Chicago: the main demo tenant.
    static let northwind = DemoTenantPlan(
        tenant: SeedTenant(
            id: "ten_northwind", slug: "northwind", name: "Northwind Wine & Spirits", currency: "USD",
            timezone: "America/Chicago", taxRateBasisPoints: 825),
        idCode: "nw", orderNumberPrefix: "NW", accountPrefix: "NWC-", utcOffsetHours: -6,
        users: [
            SeedUser(
                id: DemoAccounts.northwindRep, tenantId: "ten_northwind", email: "rep@northwind.test",
                name: "Maya Okafor", roles: [PortalAPI.Role.salesRep.rawValue]),
            SeedUser(
                id: DemoAccounts.northwindAdmin, tenantId: "ten_northwind", email: "admin@northwind.test",
                name: "Daniel Brooks", roles: [PortalAPI.Role.admin.rawValue]),
            SeedUser(
                id: DemoAccounts.northwindViewer, tenantId: "ten_northwind", email: "viewer@northwind.test",
                name: "Priya Raman", roles: [PortalAPI.Role.viewer.rawValue]),
            SeedUser(
                id: DemoAccounts.northwindRep2, tenantId: "ten_northwind", email: "rep2@northwind.test",
                name: "Luis Hernández", roles: [PortalAPI.Role.salesRep.rawValue]),
        ],
        catalog: DemoCatalog.northwind,
        profiles: DemoCustomers.northwind,
        orderNotes: [
            "Deliver before 11am, kitchen door on the alley.",
            "Call Marco on arrival.",
            "Bitte vor 10 Uhr liefern.",
            "Pour la carte des vins du week-end.",
            "Private event Saturday, please don't substitute.",
            "Split delivery is fine.",
            "Loading dock B, ask for receiving.",
            "Restocking the patio bar.",
            "Invoice to head office, PO 4471.",
            "Running low at the bar, first drop if possible.",
            "週末のイベント用です。",
            "Доставка после 14:00, пожалуйста.",
        ],
        premiumPriceCents: 15_000,
        seed: 0x4E57_2026_0001)

    /// Fjord Vin & Brennevin, Oslo: a second, smaller tenant.
    static let fjord = DemoTenantPlan(
        tenant: SeedTenant(
            id: "ten_fjord", slug: "fjord", name: "Fjord Vin & Brennevin", currency: "NOK",
            timezone: "Europe/Oslo", taxRateBasisPoints: 2500),
        idCode: "fj", orderNumberPrefix: "FJ", accountPrefix: "FJK-", utcOffsetHours: 1,
        users: [
            SeedUser(
                id: DemoAccounts.fjordRep, tenantId: "ten_fjord", email: "rep@fjord.test",
                name: "Ingrid Solberg", roles: [PortalAPI.Role.salesRep.rawValue]),
            SeedUser(
                id: DemoAccounts.fjordAdmin, tenantId: "ten_fjord", email: "admin@fjord.test",
                name: "Øystein Bråten", roles: [PortalAPI.Role.admin.rawValue]),
        ],
        catalog: DemoCatalog.fjord,
        profiles: DemoCustomers.fjord,
        orderNotes: [
            "Lever før kl. 10.",
            "Ring Kari ved ankomst.",
            "Til julebordsesongen.",
            "Varemottak i bakgården.",
        ],
        premiumPriceCents: 150_000,
        seed: 0x464A_2026_0002)
}

/// Ids of the demo users, fixed so that customer profiles can name their rep.
enum DemoAccounts {
    static let northwindRep = "user_nw_0001"
    static let northwindAdmin = "user_nw_0002"
    static let northwindViewer = "user_nw_0003"
    static let northwindRep2 = "user_nw_0004"
    static let fjordRep = "user_fj_0001"
    static let fjordAdmin = "user_fj_0002"
}
