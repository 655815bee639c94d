/// A product of a demo catalogue before ids and SKUs are given to it.
struct SeedCatalogEntry: Sendable {
    var name: String
    var brand: String
    var category: SeedCategory
    var description: String
    /// Price of one unit (a bottle or a whole case), in minor units.
    var unitPriceCents: Int
    /// `bottle` or `case`.
    var unit: String
    /// Bottles per unit.
    var packSize: Int
    var onHand: Int
    var reserved: Int
    var active: Bool

    /// A product sold by the bottle.
    static func bottle(
        _ name: String, brand: String, _ category: SeedCategory, price: Int, stock onHand: Int, reserved: Int = 0,
        active: Bool = true, _ description: String
    ) -> SeedCatalogEntry {
        SeedCatalogEntry(
            name: name, brand: brand, category: category, description: description, unitPriceCents: price,
            unit: "bottle", packSize: 1, onHand: onHand, reserved: reserved, active: active)
    }

    /// A product sold by the case of `pack` bottles; `price` is the price of the case.
    static func caseOf(
        _ pack: Int, _ name: String, brand: String, _ category: SeedCategory, price: Int, stock onHand: Int,
        reserved: Int = 0, active: Bool = true, _ description: String
    ) -> SeedCatalogEntry {
        SeedCatalogEntry(
            name: name, brand: brand, category: category, description: description, unitPriceCents: price,
            unit: "case", packSize: pack, onHand: onHand, reserved: reserved, active: active)
    }
}
