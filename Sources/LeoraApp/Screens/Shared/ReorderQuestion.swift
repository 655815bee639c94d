import PortalAPI
import TerminalUI

/// The question a reorder asks when the cart already has lines: add the order's lines to them, or
/// replace the cart. It shows on the pane the reorder came from (orders, customers), which keeps it
/// in its state and hands it its own actions.
public struct ReorderQuestion: Sendable, Equatable {
    public var order: Order
    /// The customer the cart is for while the question is asked (the answer decides which one orders).
    public var cartCustomer: CustomerReference?

    /// The question, naming whom each answer orders for.
    public var text: String {
        let number = order.orderNumber
        switch cartCustomer {
        case nil:
            return "The cart already has lines. Add \(number)'s lines to them, or replace the cart with this order for \(order.customer.name)?"
        case let customer? where customer.id == order.customer.id:
            return "The cart for \(customer.name) already has lines. Add \(number)'s lines to them, or replace the cart with this order?"
        case let customer?:
            return "The cart already has lines for \(customer.name). Add \(number)'s lines to them (still for \(customer.name)), "
                + "or replace the cart with this order for \(order.customer.name)?"
        }
    }

    /// Asks, answers or dismisses the question; the reorder to make once the rep has chosen how.
    static func reduce(_ question: inout ReorderQuestion?, _ action: ReorderQuestionAction) -> PaneDelegate? {
        switch action {
        case .ask(let order, let cartCustomer):
            question = ReorderQuestion(order: order, cartCustomer: cartCustomer)
            return nil
        case .chosen(let mode):
            guard let order = question?.order else { return nil }
            question = nil
            return .reorder(order, mode: mode)
        case .dismissed:
            question = nil
            return nil
        }
    }

    /// The question's keys, as the pane that asks it sends them.
    static func keymap(_ embed: (ReorderQuestionAction) -> AppAction) -> Keymap {
        Keymap([
            KeyBinding([.character("a")], label: "add", help: "Add the order's lines to the cart's", action: embed(.chosen(.add)), section: "Reorder", permission: .cartWrite),
            KeyBinding(
                [.character("x")], label: "replace", help: "Empty the cart, then add the order's lines and customer", action: embed(.chosen(.replace)),
                section: "Reorder", permission: .cartWrite),
            KeyBinding([.escape, .character("n")], label: "back", help: "Leave the cart as it is", action: embed(.dismissed), section: "Reorder"),
        ])
    }

    func render(keys: Keymap, context: RenderContext, into buffer: inout Buffer, area: Rect) {
        Modal(title: "Reorder \(order.orderNumber)?", body: text, footer: keys.applying(context.keyOverrides).hint, width: 60).render(into: &buffer, area: area)
    }
}

/// What happens to the reorder question.
public enum ReorderQuestionAction: Sendable, Equatable {
    /// The cart has lines: ask whether the order's go with them or replace them.
    case ask(Order, cartCustomer: CustomerReference?)
    case chosen(ReorderMode)
    case dismissed
}
