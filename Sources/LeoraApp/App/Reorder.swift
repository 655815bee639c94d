import LeoraKit
import PortalAPI

/// What a reorder does with a cart that already has lines: keep them and add the order's, or
/// replace them with the order's (and its customer).
public enum ReorderMode: Sendable, Equatable {
    case add
    case replace
}

/// The lines of an order that can go into the cart, sent to the cart in one go, and the ones left
/// out, each named with why ("Prosecco DOC (no longer sold)").
public struct ReorderPlan: Sendable, Equatable {
    /// The order's number, for the toast.
    public var source: String
    public var customer: CustomerReference
    public var mode: ReorderMode
    public var lines: [CartLineRequest]
    public var leftOut: [String]

    public init(source: String, customer: CustomerReference, mode: ReorderMode, lines: [CartLineRequest], leftOut: [String]) {
        self.source = source
        self.customer = customer
        self.mode = mode
        self.lines = lines
        self.leftOut = leftOut
    }
    /// What `cart` looks like once the plan is in: emptied first when replacing, the lines added,
    /// and the order's customer when it is set too.
    public func estimate(on cart: Cart?, settingCustomer: Bool) -> Cart? {
        var estimate = cart
        if mode == .replace {
            for item in cart?.items ?? [] { estimate = CartEstimate.setting(item.id, quantity: 0, in: estimate) }
        }
        for line in lines { estimate = CartEstimate.adding(line.product, quantity: line.quantity, to: estimate) }
        if settingCustomer { estimate?.customer = customer }
        return estimate
    }
}

/// Reordering: reads the order when the list row came without its lines, looks up every line's
/// product (is it still sold, is there stock), and hands the cart what can go in, in one go.
enum Reorder {
    /// How many left-out lines a toast names before "and N more".
    static let namesInToast = 4

    /// Reads what it needs and sends `.cart(.addLines(plan))`, or one toast when nothing can go in.
    /// `inCart` holds the quantities already in the cart by product (they count against the stock).
    static func effect(_ order: Order, mode: ReorderMode, inCart: [String: Int], _ dependencies: AppDependencies) -> Effect<AppAction> {
        let readOrder = dependencies.orders.order
        let readProduct = dependencies.catalog.product
        return .run(id: AppReducer.reorderEffect) { send in
            var lines = order.lines
            if lines.isEmpty {
                do {
                    for try await answer in readOrder(order.id) where !answer.value.lines.isEmpty {
                        lines = answer.value.lines
                        break
                    }
                } catch {
                    if !Task.isCancelled { send(.showToast("Couldn't read \(order.orderNumber) to reorder it: \(LoadFailure(error).message)", .danger)) }
                    return
                }
            }
            guard !Task.isCancelled else { return }
            guard !lines.isEmpty else {
                send(.showToast("\(order.orderNumber) has no lines to reorder.", .warning))
                return
            }
            let productIDs = Set(lines.map(\.productId))
            let products = await withTaskGroup(of: (String, Result<Product, LoadFailure>).self) { group in
                for id in productIDs {
                    group.addTask {
                        do { return (id, .success(try await readProduct(id))) } catch { return (id, .failure(LoadFailure(error))) }
                    }
                }
                var found: [String: Result<Product, LoadFailure>] = [:]
                for await (id, result) in group { found[id] = result }
                return found
            }
            guard !Task.isCancelled else { return }
            let plan = plan(order, lines: lines, products: products, inCart: inCart, mode: mode)
            if plan.lines.isEmpty {
                send(.showToast(HintText(toast(source: plan.source, added: 0, leftOut: plan.leftOut)), .warning))
            } else {
                send(.cart(.addLines(plan)))
            }
        }
    }

    /// Decides each line: in when its product is sold and has the stock; otherwise left out, named
    /// with the reason. A product that could not be read for another reason (offline, a server
    /// error) is left out as unchecked, never as gone from the catalogue.
    static func plan(
        _ order: Order, lines: [OrderLine], products: [String: Result<Product, LoadFailure>], inCart: [String: Int], mode: ReorderMode
    ) -> ReorderPlan {
        // One line per product (the contract promises it; a repeated product is summed all the same).
        var merged: [OrderLine] = []
        for line in lines {
            if let index = merged.firstIndex(where: { $0.productId == line.productId }) {
                merged[index].quantity += line.quantity
            } else {
                merged.append(line)
            }
        }
        var accepted: [CartLineRequest] = []
        var leftOut: [String] = []
        for line in merged where line.quantity > 0 {
            switch products[line.productId] {
            case .success(let product)?:
                let wanted = line.quantity + (mode == .add ? inCart[product.id, default: 0] : 0)
                if !product.active {
                    leftOut.append("\(line.name) (no longer sold)")
                } else if product.inventory.available < wanted {
                    leftOut.append("\(line.name) (\(product.inventory.available) available, \(wanted) wanted)")
                } else {
                    accepted.append(CartLineRequest(product: product, quantity: line.quantity))
                }
            case .failure(let failure)? where failure.errorCode == .notFound:
                leftOut.append("\(line.name) (no longer in the catalogue)")
            case .failure(let failure)?:
                leftOut.append("\(line.name) (couldn't be checked: \(reason(failure)))")
            case nil:
                leftOut.append("\(line.name) (couldn't be checked)")
            }
        }
        return ReorderPlan(source: order.orderNumber, customer: order.customer, mode: mode, lines: accepted, leftOut: leftOut)
    }

    /// The one toast a reorder ends with: what went in and every line left out.
    static func toast(source: String, added: Int, leftOut: [String]) -> String {
        var names = leftOut.prefix(namesInToast).joined(separator: ", ")
        if leftOut.count > namesInToast { names += " and \(leftOut.count - namesInToast) more" }
        guard added > 0 else { return "Nothing from \(source) went into the cart: \(names)." }
        let lines = added == 1 ? "1 line" : "\(added) lines"
        return leftOut.isEmpty ? "Added \(lines) of \(source) to the cart." : "Added \(lines) of \(source) to the cart; left out \(names)."
    }

    /// A failure in a few words, for a line's parenthesis.
    static func reason(_ failure: LoadFailure) -> String {
        if failure.isOffline { return "offline" }
        var message = failure.message
        while message.hasSuffix(".") { message.removeLast() }
        return message.prefix(1).lowercased() + message.dropFirst()
    }
}

/// How the cart took a reorder's lines.
public struct ReorderOutcome: Sendable, Equatable {
    /// The last cart the portal answered with; nil when no call succeeded.
    public var cart: Cart?
    public var added = 0
    /// Lines the portal refused (stock taken meanwhile), each named with why.
    public var refused: [String] = []
    /// Why the calls stopped early (offline, a server error).
    public var failure: LoadFailure?

    public init(cart: Cart? = nil, added: Int = 0, refused: [String] = [], failure: LoadFailure? = nil) {
        self.cart = cart
        self.added = added
        self.refused = refused
        self.failure = failure
    }
}
