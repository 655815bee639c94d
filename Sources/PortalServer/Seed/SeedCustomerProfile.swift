/// A demo customer before ids are given to it: who it is, how it orders, and which rep
/// places its orders.
struct SeedCustomerProfile: Sendable {
    var name: String
    var city: String
    var kind: SeedCustomerKind
    var rhythm: SeedOrderingRhythm
    /// Id of the user who places this customer's orders in the demo dataset.
    var repId: String
    /// Categories this customer buys from instead of its kind's defaults.
    var specialty: [SeedCategory]?

    init(
        _ name: String, _ city: String, _ kind: SeedCustomerKind, _ rhythm: SeedOrderingRhythm, rep repId: String,
        specialty: [SeedCategory]? = nil
    ) {
        self.name = name
        self.city = city
        self.kind = kind
        self.rhythm = rhythm
        self.repId = repId
        self.specialty = specialty
    }

    /// The categories this customer buys from.
    var categories: [SeedCategory] { specialty ?? kind.categories }
}
