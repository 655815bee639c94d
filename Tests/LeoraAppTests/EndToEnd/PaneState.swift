import Foundation
import LeoraApp
import TerminalUI

/// One of a pane's main states (its list, a detail, a prompt or dialog open on it): how to tell it
/// from the screen and how to open it. Which keys are pressed in it comes from the keymaps.
struct PaneState: Sendable, CustomStringConvertible {
    enum Kind: Sendable {
        /// The pane's keymap dispatches: every key must show its effect (or be declared invisible here).
        case main
        /// A prompt or dialog is open: its own keys (when the keymaps declare them) must act, and the
        /// pane's and global keys must be typed into it or refused — never dispatched, never quit.
        case modal
    }

    let tab: AppTab
    let name: String
    let kind: Kind
    /// Whether the global keys are pressed here too: everywhere but a pane's second main state (a
    /// detail), since they do the same from any main state of a pane; in a modal state they must not act.
    let pressesGlobalKeys: Bool
    /// Whether a text field has the keys (a search, a quantity, a URL): keys that are not the
    /// dialog's own are typed into it, and each of its own keys is pressed on a freshly opened one.
    let typesText: Bool
    /// Keys whose effect may not show in this state, by binding id, with the reason.
    let invisible: [String: String]
    /// Whether `snapshot` shows this state (the pane's tab highlighted, nothing else open over it).
    let shows: @Sendable (TerminalSnapshot) -> Bool
    /// With the pane shown and nothing open on it, opens this state.
    let open: @Sendable (StateContext) async throws -> Void

    init(
        _ tab: AppTab, _ name: String, kind: Kind = .main, pressesGlobalKeys: Bool = true, typesText: Bool = false,
        invisible: [String: String] = [:],
        shows: @escaping @Sendable (TerminalSnapshot) -> Bool, open: @escaping @Sendable (StateContext) async throws -> Void = { _ in }
    ) {
        self.tab = tab
        self.name = name
        self.kind = kind
        self.pressesGlobalKeys = pressesGlobalKeys
        self.typesText = typesText
        self.invisible = invisible
        self.shows = { snapshot in snapshot.activeTab == tab && !snapshot.showsHelp && !snapshot.showsCommandLine && shows(snapshot) }
        self.open = open
    }

    var description: String { "\(tab.title) \(name)" }
}

/// What opening a state may use: the terminal, the portal's data, and the keymaps' keys by binding id.
struct StateContext: Sendable {
    let terminal: LeoraTerminal
    let data: DemoPortalData

    /// Presses the first key of the binding `id` (`orders.search`, `global.refresh`), as the keymap has it.
    func press(_ id: String) throws {
        try terminal.press(Self.key(id))
    }

    static func key(_ id: String) throws -> Key {
        let bindings = AppKeymap.all.bindings
        guard let key = bindings.first(where: { $0.id == id })?.keys.first else {
            throw LeoraTerminal.Failure(description: "no binding \(id) in the keymaps (they have \(bindings.map(\.id)))")
        }
        return key
    }

    /// Runs a `:` command.
    func command(_ text: String) throws {
        try press("global.command")
        try terminal.type(text)
        try terminal.press(.enter)
    }

    /// Fills the cart (lines and a customer) on the portal and has the terminal fetch it again.
    func cartWithLines() async throws {
        try await data.fillCart()
        try press("global.refresh")
        try await terminal.waitFor("the cart's lines") { $0.contains("Subtotal") && !$0.contains("none — press c") }
    }
}

extension PaneState {
    static let hiddenBehindDetail = "moves the list's selection, which the open detail hides (it shows after Esc)"

    /// Every pane's main states, in the order they are exercised.
    static func all(_ tab: AppTab) -> [PaneState] {
        switch tab {
        case .briefing: [briefing]
        case .orders: [ordersList, orderDetail, ordersSearch, orderCancellation, reorderQuestion]
        case .products: [productsList, productDetail, productsSearch, addToCart]
        // The order placed last: it empties the cart the others fill.
        case .cart: [cartLines, customerPicker, lineQuantity, checkout, orderPlaced]
        case .health: [health]
        case .customers: [customersList, customerDetail, customersSearch, customersReorderQuestion]
        case .webhooks: [webhooksList, newSubscription, newSecret, subscriptionDeletion]
        default: preconditionFailure("no end-to-end states for the \(tab) pane: add them here")
        }
    }

    // MARK: Briefing

    static let briefing = PaneState(.briefing, "briefing", shows: { _ in true })

    // MARK: Orders

    static func ordersModalOpen(_ snapshot: TerminalSnapshot) -> Bool {
        snapshot.contains("Cancel order?") || snapshot.contains("Reorder NW-") || snapshot.contains("Search: ")
    }

    static func orderDetailOpen(_ snapshot: TerminalSnapshot) -> Bool { snapshot.rows.contains { $0.hasPrefix(" Order NW-") } }

    static let ordersList = PaneState(
        .orders, "list", invisible: ["orders.back": "closes a detail, and none is open"],
        shows: { screen in
            screen.rows.contains { $0.contains("Number") && $0.contains("Customer") && $0.contains("Status") } && !orderDetailOpen(screen)
                && !ordersModalOpen(screen)
        })

    static let orderDetail = PaneState(
        .orders, "detail", pressesGlobalKeys: false,
        invisible: [
            "orders.down": hiddenBehindDetail, "orders.up": hiddenBehindDetail, "orders.page-down": hiddenBehindDetail,
            "orders.page-up": hiddenBehindDetail, "orders.first": hiddenBehindDetail, "orders.last": hiddenBehindDetail,
            "orders.open": "opens the order already open", "orders.clear": "clears filters, and none is set",
        ],
        shows: { screen in orderDetailOpen(screen) && screen.contains("Subtotal") && !ordersModalOpen(screen) },
        open: { context in
            try await context.terminal.waitFor("an order") { $0.rows.contains { $0.hasPrefix(" NW-") } }
            try context.press("orders.open")
        })

    static let ordersSearch = PaneState(
        .orders, "search", kind: .modal, typesText: true, shows: { $0.contains("Search: ") && !orderDetailOpen($0) },
        open: { context in try context.press("orders.search") })

    static let orderCancellation = PaneState(
        .orders, "cancel confirmation", kind: .modal, shows: { $0.contains("Cancel order?") },
        open: { context in
            try context.command("orders pending")
            // The filtered list, not the rows before it (`c` while the list loads has no order to cancel).
            try await context.terminal.waitFor("the pending orders") { screen in
                screen.contains("Showing pending") && screen.rows.contains { $0.hasPrefix(" NW-") && $0.contains("pending") }
            }
            // `c` while the last cancellation is still on its way is refused with a toast: press it again.
            for _ in 0..<10 {
                try context.press("orders.cancel")
                if (try? await context.terminal.waitFor("the question", timeout: .seconds(3)) { $0.contains("Cancel order?") }) != nil { return }
            }
        })

    static let reorderQuestion = PaneState(
        .orders, "reorder question", kind: .modal, shows: { $0.contains("Reorder NW-") },
        open: { context in
            try await context.terminal.waitFor("an order") { $0.rows.contains { $0.hasPrefix(" NW-") } }
            // The question is asked when the cart has lines: the first reorder may fill it.
            for _ in 0..<3 {
                let before = try await context.terminal.settle()
                try context.press("orders.reorder")
                let asked = try? await context.terminal.waitFor("the question or the reorder's toast", timeout: .seconds(10)) { screen in
                    screen.contains("Reorder NW-") || (screen.withoutStatusBar != before.withoutStatusBar && screen.contains("cart"))
                }
                if asked?.contains("Reorder NW-") == true { return }
                try await context.terminal.settle(quiet: .milliseconds(500))
                try context.press("orders.down")
            }
        })

    // MARK: Products

    static func productDetailOpen(_ snapshot: TerminalSnapshot) -> Bool { snapshot.contains("Pack size") }
    static func productsSearching(_ snapshot: TerminalSnapshot) -> Bool {
        snapshot.rows.contains { $0.contains("Search: ") && !$0.contains("(/ to change)") }
    }

    static let productsList = PaneState(
        .products, "list", invisible: ["products.back": "closes a detail, and none is open"],
        shows: { screen in
            screen.rows.contains { $0.contains("Name") && $0.contains("SKU") && $0.contains("Price") } && !productDetailOpen(screen)
                && !screen.contains("Add to cart") && !productsSearching(screen)
        })

    static let productDetail = PaneState(
        .products, "detail", pressesGlobalKeys: false,
        invisible: [
            "products.down": hiddenBehindDetail, "products.up": hiddenBehindDetail, "products.page-down": hiddenBehindDetail,
            "products.page-up": hiddenBehindDetail, "products.first": hiddenBehindDetail, "products.last": hiddenBehindDetail,
            "products.detail": "opens the product already open",
        ],
        shows: { screen in productDetailOpen(screen) && !screen.contains("Add to cart") && !productsSearching(screen) },
        open: { context in
            try await context.terminal.waitFor("the products") { $0.contains("SKU") && !$0.contains("Loading products") }
            try context.press("products.detail")
        })

    static let productsSearch = PaneState(
        .products, "search", kind: .modal, typesText: true, shows: { productsSearching($0) && !$0.contains("Add to cart") },
        open: { context in try context.press("products.search") })

    static let addToCart = PaneState(
        .products, "quantity prompt", kind: .modal, typesText: true, shows: { $0.contains("Add to cart") && $0.contains("Quantity:") },
        open: { context in
            try await context.terminal.waitFor("the products") { $0.contains("SKU") && !$0.contains("Loading products") }
            // A product out of stock or no longer sold is refused with a toast: try the next one.
            for _ in 0..<8 {
                try context.press("products.add")
                if (try? await context.terminal.waitFor("the prompt", timeout: .seconds(2)) { $0.contains("Add to cart") }) != nil { return }
                try context.press("products.down")
            }
        })

    // MARK: Cart

    static func cartModalOpen(_ snapshot: TerminalSnapshot) -> Bool {
        ["Choose a customer", "Enter set · Esc cancel", "Check out?", "Order placed"].contains { snapshot.contains($0) }
    }

    static let cartLines = PaneState(
        .cart, "lines",
        shows: { screen in screen.contains("Subtotal") && !screen.contains("none — press c") && !cartModalOpen(screen) },
        open: { context in try await context.cartWithLines() })

    static let customerPicker = PaneState(
        .cart, "customer picker", kind: .modal, typesText: true,
        invisible: ["choose-a-customer.up": "the picker opens on its first customer"], shows: { $0.contains("Choose a customer") },
        open: { context in
            try await context.cartWithLines()
            try context.press("cart.customer")
        })

    static let lineQuantity = PaneState(
        .cart, "quantity prompt", kind: .modal, typesText: true, shows: { $0.contains("Enter set · Esc cancel") },
        open: { context in
            try await context.cartWithLines()
            try context.press("cart.quantity")
        })

    static let checkout = PaneState(
        .cart, "checkout confirmation", kind: .modal, shows: { $0.contains("Check out?") },
        open: { context in
            try await context.cartWithLines()
            try context.press("cart.checkout")
        })

    static let orderPlaced = PaneState(
        .cart, "order placed", kind: .modal, shows: { $0.contains("Order placed") },
        open: { context in
            try await context.cartWithLines()
            try context.press("cart.checkout")
            try await context.terminal.waitFor("the confirmation") { $0.contains("Check out?") }
            try context.press("checkout.place-order")
            try await context.terminal.waitFor("the order placed", timeout: .seconds(20)) { $0.contains("Order placed") }
        })

    // MARK: Health

    static let health = PaneState(.health, "report", shows: { $0.contains("Database") })

    // MARK: Customers

    static func customerDetailOpen(_ snapshot: TerminalSnapshot) -> Bool { snapshot.contains("Recent orders (yours)") }
    static func customersSearching(_ snapshot: TerminalSnapshot) -> Bool {
        snapshot.rows.contains { $0.contains("Search: ") && !$0.contains("(/ to change)") }
    }

    static let customersList = PaneState(
        .customers, "list", invisible: ["customers.back": "closes a detail, and none is open"],
        shows: { screen in
            screen.rows.contains { $0.contains("Name") && $0.contains("Health") && $0.contains("Last order") } && !customerDetailOpen(screen)
                && !customersSearching(screen) && !screen.contains("Reorder NW-")
        },
        open: { context in
            try await context.terminal.waitFor("the customers") { $0.contains("Last order") && !$0.contains("Loading customers") }
        })

    static let customerDetail = PaneState(
        .customers, "detail", pressesGlobalKeys: false,
        shows: { screen in customerDetailOpen(screen) && !customersSearching(screen) && !screen.contains("Reorder NW-") },
        open: { context in
            // A customer the demo rep orders for twice a week: many recent orders to move among.
            try context.command("customers Lakeshore")
            try await context.terminal.waitFor("the customer's recent orders") { screen in
                customerDetailOpen(screen) && screen.rows.contains { $0.hasPrefix(" NW-") }
            }
        })

    static let customersSearch = PaneState(
        .customers, "search", kind: .modal, typesText: true, shows: { customersSearching($0) && !customerDetailOpen($0) },
        open: { context in try context.press("customers.search") })

    static let customersReorderQuestion = PaneState(
        .customers, "reorder question", kind: .modal, shows: { $0.contains("Reorder NW-") },
        open: { context in
            try await context.terminal.waitFor("the customers") { $0.contains("Last order") && !$0.contains("Loading customers") }
            // The question is asked when the cart has lines: the first reorder may fill it.
            for _ in 0..<3 {
                let before = try await context.terminal.settle()
                try context.press("customers.reorder")
                let asked = try? await context.terminal.waitFor("the question or the reorder's toast", timeout: .seconds(10)) { screen in
                    screen.contains("Reorder NW-") || (screen.withoutStatusBar != before.withoutStatusBar && screen.contains("cart"))
                }
                if asked?.contains("Reorder NW-") == true { return }
                try await context.terminal.settle(quiet: .milliseconds(500))
                try context.press("customers.down")
            }
        })

    // MARK: Webhooks

    static func webhooksModalOpen(_ snapshot: TerminalSnapshot) -> Bool {
        ["New subscription", "Subscription created", "Delete subscription?"].contains { snapshot.contains($0) }
    }

    static let webhooksList = PaneState(
        .webhooks, "lists", shows: { $0.contains("Subscriptions (") && !webhooksModalOpen($0) },
        open: { context in
            if try await context.data.ensureSubscriptions(3) { try context.press("global.refresh") }
            // Three, so `j` and `↓` both move down before `k` and `↑` come back.
            try await context.terminal.waitFor("three subscriptions") { screen in
                screen.rows.contains { $0.contains("Subscriptions (") && !$0.contains("(0)") && !$0.contains("(1)") && !$0.contains("(2)") }
            }
        })

    static let newSubscription = PaneState(
        .webhooks, "new subscription form", kind: .modal, typesText: true, shows: { $0.contains("New subscription") },
        open: { context in try context.press("webhooks.new") })

    static let newSecret = PaneState(
        .webhooks, "new secret", kind: .modal, shows: { $0.contains("Subscription created") },
        open: { context in
            try context.press("webhooks.new")
            try await context.terminal.waitFor("the form") { $0.contains("New subscription") }
            try context.terminal.type("http://127.0.0.1:9/leora-e2e-new")
            try context.press("new-subscription.create")
            try await context.terminal.waitFor("the secret", timeout: .seconds(20)) { $0.contains("Subscription created") }
        })

    static let subscriptionDeletion = PaneState(
        .webhooks, "delete confirmation", kind: .modal, shows: { $0.contains("Delete subscription?") },
        open: { context in
            if try await context.data.ensureSubscriptions(3) { try context.press("global.refresh") }
            try await context.terminal.waitFor("a subscription") { $0.contains("Subscriptions (") && !$0.contains("Subscriptions (0)") }
            // `d` deletes from the subscriptions list: switch to it if the deliveries have the focus.
            for _ in 0..<2 {
                try context.press("webhooks.delete")
                if (try? await context.terminal.waitFor("the question", timeout: .seconds(2)) { $0.contains("Delete subscription?") }) != nil { return }
                try context.press("webhooks.switch")
            }
        })
}
