/// The resources a query key's first part can name.
public enum QueryResource: String, Sendable, CaseIterable, Codable {
    case cart, orders, inventory, products, briefing, metrics, customers, settings

    /// The key covering every query of this resource.
    public var key: QueryKey { QueryKey([rawValue]) }
}

/// The kinds of change a mutation makes, for looking up what it invalidates.
public enum MutationKind: String, Sendable, CaseIterable, Codable {
    /// Add, set or remove a cart line, or set the cart's customer. It writes the portal's answer, so
    /// what it lists is made stale only when it fails (`Mutation.invalidatesOnFailure`).
    case cartChange
    /// `POST /cart/checkout`.
    case checkout
    /// `POST /orders`.
    case orderPlaced
    /// `POST /orders/:id/cancel`.
    case orderCancelled
}

/// What each mutation invalidates, in one table.
public enum Invalidation {
    /// The resources each kind of mutation makes stale.
    public static let table: [MutationKind: [QueryResource]] = [
        .cartChange: [.cart],
        .checkout: [.cart, .orders, .inventory, .products, .briefing, .metrics],
        .orderPlaced: [.cart, .orders, .inventory, .products, .briefing, .metrics],
        .orderCancelled: [.orders, .inventory, .products, .briefing, .metrics],
    ]

    /// The key prefixes to invalidate after a mutation of `kind` settles.
    public static func keys(for kind: MutationKind) -> [QueryKey] {
        (table[kind] ?? []).map(\.key)
    }
}
