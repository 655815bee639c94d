import PortalAPI

/// The cart as it will be once the queued changes reach the portal: each entry's absolute target
/// applied in order. Applying an entry twice changes nothing, so the queue can be laid over any
/// cart (the cached one at start, a refetched one) without counting a change twice.
public enum CartQueueEstimate {
    public static func apply(_ entries: [CartQueueEntry], to cart: Cart?) -> Cart? {
        entries.reduce(cart) { cart, entry in apply(entry, to: cart) }
    }

    public static func apply(_ entry: CartQueueEntry, to cart: Cart?) -> Cart? {
        guard var cart else { return nil }
        switch entry.operation {
        case .setCustomer:
            cart.customer = entry.customer
            return cart
        case .setLine:
            guard let line = entry.line else { return cart }
            if let index = cart.items.firstIndex(where: { $0.productId == line.productId }) {
                return CartEstimate.setting(cart.items[index].id, quantity: entry.target, in: cart)
            }
            guard entry.target > 0 else { return cart }
            cart.items.append(
                CartItem(
                    id: CartEstimate.pendingItemId(line.productId), productId: line.productId, sku: line.sku, name: line.name, unit: line.unit, quantity: 0,
                    unitPriceCents: line.unitPriceCents, lineTotalCents: 0))
            return CartEstimate.setting(CartEstimate.pendingItemId(line.productId), quantity: entry.target, in: cart)
        }
    }

    /// The quantity of `productId` in `cart` (0 when it has no such line).
    public static func quantity(of productId: String, in cart: Cart?) -> Int {
        cart?.items.first { $0.productId == productId }?.quantity ?? 0
    }
}
