import PortalAPI
import TerminalUI

/// What a pane asks of the app: the one way a pane talks to its parent. A pane returns
/// `.send(.delegate(...))` (TCA's delegate actions, a Bubble Tea child's `Cmd`); the router handles
/// every delegate in one place, so nothing waits in a field for a drain that may be forgotten.
///
/// One vocabulary for every pane rather than one enum each: what a pane may ask is what the app
/// offers, and the router answers each request once whichever pane asked.
public enum PaneDelegate: Sendable, Equatable {
    /// Shows a notice for a few seconds (its keys written as the rep has bound them).
    case toast(HintText, Toast.Kind)
    /// Puts the text on the system clipboard (OSC 52).
    case copy(String)
    /// Opens a drill-down link in its pane.
    case open(DrillDown)
    /// Adds a product to the cart (the products pane's quantity prompt).
    case addToCart(Product, quantity: Int)
    /// Adds an order's lines to the cart; `mode` is nil until the rep has said add or replace (and
    /// when the cart is empty there is nothing to ask).
    case reorder(Order, mode: ReorderMode?)
    /// The cart is for this customer from now on (the customers pane's "start the cart").
    case startCart(CustomerReference)
    /// The catalogue's products as read (the cart learns their pack sizes).
    case productsRead([Product])
    /// The cart was checked out as this order.
    case orderPlaced(Order)
}

/// What an answer says about the connection to the portal (the status bar's badge).
public enum Reachability: Sendable, Equatable {
    /// The portal answered.
    case reached
    /// The call failed; offline when the failure says the portal could not be reached.
    case failed(LoadFailure)
}
