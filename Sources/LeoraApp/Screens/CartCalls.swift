import LeoraKit
import PortalAPI

/// The cart calls a reorder makes, one after another (the contract has no call that adds several
/// lines): the customer, the removals when replacing, then each line — as one change in the cache,
/// whose estimate shows the whole plan at once. A line the portal refuses (stock taken meanwhile, a
/// product gone) is named and the rest still go in; being offline or a server error stops the run,
/// and the cache reads the cart again.
struct CartCalls: Sendable {
    var setCustomer: @Sendable (CustomerReference?) async throws -> Cart
    var remove: @Sendable (String) async throws -> Cart
    var add: @Sendable (Product, Int) async throws -> Cart

    init(_ requests: CartRequests) {
        setCustomer = { customer in try await requests.setCustomer(customer?.id) }
        remove = requests.remove
        add = { product, quantity in try await requests.add(product.id, quantity) }
    }

    /// Adds the plan's lines to `cart` in one change.
    static func add(_ plan: ReorderPlan, settingCustomer: Bool, to cart: PortalCart) async -> ReorderOutcome {
        do {
            return try await cart.change(
                estimate: { plan.estimate(on: $0, settingCustomer: settingCustomer) }, answeredCart: \.cart, failed: { $0.failure != nil }
            ) { requests in await CartCalls(requests).add(plan, settingCustomer: settingCustomer) }
        } catch {
            return ReorderOutcome(failure: LoadFailure(error))
        }
    }

    func add(_ plan: ReorderPlan, settingCustomer: Bool) async -> ReorderOutcome {
        var outcome = ReorderOutcome()
        do {
            if settingCustomer { outcome.cart = try await setCustomer(plan.customer) }
            if plan.mode == .replace {
                // The portal's answer names the lines there really are, changes queued before included.
                let current = outcome.cart?.items ?? []
                for item in current { outcome.cart = try await remove(item.id) }
            }
            for line in plan.lines {
                do {
                    outcome.cart = try await add(line.product, line.quantity)
                    outcome.added += 1
                } catch {
                    let failure = LoadFailure(error)
                    guard let why = Self.refusal(failure) else { throw failure }
                    outcome.refused.append("\(line.product.name) (\(why))")
                }
            }
        } catch {
            outcome.failure = LoadFailure(error)
        }
        return outcome
    }

    /// Why the portal refused one line, when the refusal concerns that line alone.
    static func refusal(_ failure: LoadFailure) -> String? {
        switch failure.errorCode {
        case .insufficientStock:
            guard let shortage = failure.shortages.first else { return "not enough stock" }
            return "\(shortage.available) available, \(shortage.requested) wanted"
        case .notFound: return "no longer in the catalogue"
        case .validationError: return Reorder.reason(failure)
        default: return nil
        }
    }
}
