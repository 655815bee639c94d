import PortalAPI

/// What the cart will look like after a change, shown at once while the server confirms it. The
/// server's answer replaces it; tax is estimated at the cart's current rate. The arithmetic
/// saturates: numbers from the server (or a quantity pressed past them) never make it trap.
public enum CartEstimate {
    /// The id of a line the server has not confirmed yet.
    public static func pendingItemId(_ productId: String) -> String { "pending:\(productId)" }

    public static func adding(_ product: Product, quantity: Int, to cart: Cart?) -> Cart? {
        guard var cart else { return nil }
        if let index = cart.items.firstIndex(where: { $0.productId == product.id }) {
            cart.items[index].quantity = cart.items[index].quantity.saturatingAdding(quantity)
            cart.items[index].lineTotalCents = cart.items[index].unitPriceCents.saturatingMultiplying(cart.items[index].quantity)
        } else {
            cart.items.append(
                CartItem(
                    id: pendingItemId(product.id), productId: product.id, sku: product.sku, name: product.name, unit: product.unit,
                    quantity: quantity, unitPriceCents: product.unitPriceCents, lineTotalCents: product.unitPriceCents.saturatingMultiplying(quantity)))
        }
        return totalled(cart)
    }

    public static func setting(_ itemId: String, quantity: Int, in cart: Cart?) -> Cart? {
        guard var cart, let index = cart.items.firstIndex(where: { $0.id == itemId }) else { return cart }
        if quantity == 0 {
            cart.items.remove(at: index)
        } else {
            cart.items[index].quantity = quantity
            cart.items[index].lineTotalCents = cart.items[index].unitPriceCents.saturatingMultiplying(quantity)
        }
        return totalled(cart)
    }

    /// Totals recomputed from the lines; the tax rate is the one the (not yet updated) totals imply.
    private static func totalled(_ cart: Cart) -> Cart {
        var cart = cart
        let subtotal = cart.items.map(\.lineTotalCents).saturatingSum()
        let rate = cart.subtotalCents > 0 ? Double(cart.taxCents) / Double(cart.subtotalCents) : 0
        cart.itemCount = cart.items.map(\.quantity).saturatingSum()
        cart.subtotalCents = subtotal
        let tax = (Double(subtotal) * rate).rounded()
        cart.taxCents = tax.isFinite && abs(tax) < 9e18 ? Int(tax) : (tax < 0 ? .min : .max)
        cart.totalCents = subtotal.saturatingAdding(cart.taxCents)
        return cart
    }
}
