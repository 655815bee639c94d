import Foundation
import LeoraKit
import NcursesBackend
import PortalAPI
import TerminalUI

/// The cart: its lines with absolute quantities, the customer picker, totals and checkout. Every
/// change shows at once and goes back to the last cart the portal confirmed when it fails.
public struct CartState: Sendable, Equatable {
    /// The customer picker: a search field and the customers it found.
    public struct CustomerPicker: Sendable, Equatable {
        public var search = TextInputState()
        public var customers: [Customer] = []
        public var list = TableState()
        public var isLoading = true
        public var failure: LoadFailure?
        public init() {}
    }

    /// The cart as shown (with changes not confirmed yet).
    public var cart: Cart?
    /// The last cart the portal confirmed: what a failed change rolls back to.
    public var confirmed: Cart?
    public var isLoading = false
    public var failure: LoadFailure?
    public var updatedAt: Date?
    /// Cart changes sent and not answered yet.
    public var pendingChanges = 0
    public var table = TableState()
    public var visibleRows = 10
    /// Bottles per case by product id, learnt from the catalogue.
    public var packSizes: [String: Int] = [:]
    public var picker: CustomerPicker?
    /// Checkout was asked for while a change was saving: the confirmation opens once it is saved.
    public var checkoutWhenSaved = false
    /// The cart version the confirmation was asked for; nil when not confirming.
    public var confirmingVersion: Int?
    public var isCheckingOut = false
    /// The order just placed, shown until dismissed.
    public var placedOrder: Order?
    /// A note above the lines ("The cart changed…").
    public var message: String?
    /// A notice for the app to show.
    public var toast: ToastRequest?

    public init() {}

    public var items: [CartItem] { cart?.items ?? [] }
    public var selectedItem: CartItem? { table.selected.flatMap { items.indices.contains($0) ? items[$0] : nil } }
    /// Whether keys go to a modal (picker, confirmation, placed order) rather than the keymap.
    public var capturesKeys: Bool { picker != nil || confirmingVersion != nil || placedOrder != nil }
}

/// One line to add to the cart: the product and how many of its unit.
public struct CartLineRequest: Sendable, Equatable {
    public var product: Product
    public var quantity: Int
    public init(product: Product, quantity: Int) {
        self.product = product
        self.quantity = quantity
    }
}

public enum CartAction: Sendable, Equatable {
    case load
    case loaded(Cart)
    case loadFailed(LoadFailure)
    case move(Int)
    /// Selects a line (a click).
    case select(Int)
    case first
    case last
    case increment
    case decrement
    case removeSelected
    /// Adds from the catalogue (the products pane's quantity prompt).
    case add(Product, quantity: Int)
    /// Adds several lines at once (a reorder of `source`, an order number).
    case addLines([CartLineRequest], source: String)
    /// A change the portal confirmed; `confirmation` is toasted when given ("Added 2 × …").
    case changeSucceeded(Cart, confirmation: String?)
    case changeFailed(LoadFailure, what: String)
    case openCustomerPicker
    /// A key while a modal is open.
    case key(Key)
    case customerSearchDebounced(String)
    case customersLoaded([Customer])
    case customersFailed(LoadFailure)
    case requestCheckout
    case checkedOut(Order)
    case checkoutFailed(LoadFailure)
}

public enum CartScreen {
    static let loadEffect = EffectID("cart.load")
    static let customersEffect = EffectID("cart.customers")
    static let checkoutEffect = EffectID("cart.checkout")
    static let searchDelay: Duration = .milliseconds(300)

    public static let keymap = Keymap([
        KeyBinding(
            [.character("C"), .enter], label: "checkout", help: "Check out (asks for confirmation)", action: .cart(.requestCheckout), section: "Cart",
            permission: .cartWrite, additionalPermissions: [.ordersWrite]),
        KeyBinding([.character("c")], label: "customer", help: "Choose the customer", action: .cart(.openCustomerPicker), section: "Cart", permission: .cartWrite),
        KeyBinding([.character("j"), .down], label: "down", help: "Next line", action: .cart(.move(1)), section: "Cart", inFooter: false),
        KeyBinding([.character("k"), .up], label: "up", help: "Previous line", action: .cart(.move(-1)), section: "Cart", inFooter: false),
        KeyBinding([.character("g"), .home], label: "first", help: "First line", action: .cart(.first), section: "Cart", inFooter: false),
        KeyBinding([.character("G"), .end], label: "last", help: "Last line", action: .cart(.last), section: "Cart", inFooter: false),
        KeyBinding([.character("+")], label: "more", help: "One more of the line", action: .cart(.increment), section: "Cart", permission: .cartWrite),
        KeyBinding([.character("-")], label: "less", help: "One fewer of the line", action: .cart(.decrement), section: "Cart", permission: .cartWrite),
        KeyBinding([.character("d")], label: "remove", help: "Remove the line", action: .cart(.removeSelected), section: "Cart", permission: .cartWrite),
    ])

    public static func reduce(into state: inout CartState, _ action: CartAction, _ dependencies: AppDependencies) -> Effect<CartAction> {
        switch action {
        case .load:
            state.isLoading = true
            let cart = dependencies.cart
            return .load(id: loadEffect, cart, loaded: { .loaded($0) }, failed: { .loadFailed($0) })

        case .loaded(let cart):
            state.isLoading = false
            state.failure = nil
            state.updatedAt = dependencies.now()
            state.confirmed = cart
            if state.pendingChanges == 0 { show(cart, &state) }
            return .none

        case .loadFailed(let failure):
            state.isLoading = false
            state.failure = failure
            return .none

        case .move(let delta):
            state.table.move(by: delta, rowCount: state.items.count, visibleRows: state.visibleRows)
            return .none
        case .first:
            state.table.selectFirst(rowCount: state.items.count, visibleRows: state.visibleRows)
            return .none
        case .select(let index):
            state.table.select(index, rowCount: state.items.count, visibleRows: state.visibleRows)
            return .none
        case .last:
            state.table.selectLast(rowCount: state.items.count, visibleRows: state.visibleRows)
            return .none

        case .increment, .decrement:
            guard let item = state.selectedItem else { return .none }
            let quantity = item.quantity.saturatingAdding(action == .increment ? 1 : -1)
            guard quantity > 0 else { return remove(item, &state, dependencies) }
            let setQuantity = dependencies.setCartQuantity
            let id = item.id
            return change(CartEstimate.setting(id, quantity: quantity, in: state.cart), what: "change \(item.name)", &state) {
                try await setQuantity(id, quantity)
            }

        case .removeSelected:
            guard let item = state.selectedItem else { return .none }
            return remove(item, &state, dependencies)

        case .add(let product, let quantity):
            state.packSizes[product.id] = product.packSize
            let base = state.cart ?? emptyCart(currency: product.currency, dependencies)
            let addToCart = dependencies.addToCart
            let confirmation = "Added \(UnitText.quantity(quantity, unit: product.unit, packSize: product.packSize)) of \(product.name) to the cart."
            return change(CartEstimate.adding(product, quantity: quantity, to: base), what: "add \(product.name)", confirmation: confirmation, &state) {
                try await addToCart(product, quantity)
            }

        case .addLines(let lines, let source):
            let addToCart = dependencies.addToCart
            let effects = lines.enumerated().map { index, line in
                let base = state.cart ?? emptyCart(currency: line.product.currency, dependencies)
                state.packSizes[line.product.id] = line.product.packSize
                let confirmation = index == lines.count - 1 ? "Added \(lines.count == 1 ? "1 line" : "\(lines.count) lines") of \(source) to the cart." : nil
                return change(CartEstimate.adding(line.product, quantity: line.quantity, to: base), what: "add \(line.product.name)", confirmation: confirmation, &state) {
                    try await addToCart(line.product, line.quantity)
                }
            }
            return .merge(effects)

        case .changeSucceeded(let cart, let confirmation):
            state.pendingChanges = max(0, state.pendingChanges - 1)
            if let confirmation { state.toast = ToastRequest(confirmation, .success) }
            state.confirmed = cart
            state.updatedAt = dependencies.now()
            if state.pendingChanges == 0 {
                show(cart, &state)
                openDeferredCheckout(&state)
            }
            return .none

        case .changeFailed(let failure, let what):
            state.pendingChanges = max(0, state.pendingChanges - 1)
            // Explained against the cart as shown, which still names the line that failed.
            let reason = explanation(failure, cart: state.cart)
            show(state.confirmed, &state)
            state.toast = ToastRequest("Couldn't \(what): \(reason) Rolled back.", .danger)
            if state.pendingChanges == 0 { openDeferredCheckout(&state) }
            return .none

        case .openCustomerPicker:
            state.picker = CartState.CustomerPicker()
            return searchCustomers("", dependencies)

        case .key(let key):
            return modalKey(key, &state, dependencies)

        case .customerSearchDebounced(let query):
            state.picker?.isLoading = true
            return searchCustomers(query, dependencies)

        case .customersLoaded(let customers):
            guard state.picker != nil else { return .none }
            state.picker?.customers = customers
            state.picker?.isLoading = false
            state.picker?.failure = nil
            state.picker?.list = TableState()
            state.picker?.list.select(0, rowCount: customers.count, visibleRows: 8)
            return .none

        case .customersFailed(let failure):
            state.picker?.isLoading = false
            state.picker?.failure = failure
            return .none

        case .requestCheckout:
            guard let cart = state.cart else { return .none }
            guard state.pendingChanges == 0 else {
                state.checkoutWhenSaved = true
                state.message = "Saving your last change — the checkout opens when it is saved."
                return .none
            }
            state.message = nil
            state.confirmingVersion = cart.version
            return .none

        case .checkedOut(let order):
            state.isCheckingOut = false
            state.placedOrder = order
            state.message = nil
            if let cart = state.cart {
                var empty = cart
                empty.items = []
                empty.itemCount = 0
                empty.subtotalCents = 0
                empty.taxCents = 0
                empty.totalCents = 0
                empty.customer = nil
                state.confirmed = empty
                show(empty, &state)
            }
            return reduce(into: &state, .load, dependencies)

        case .checkoutFailed(let failure):
            state.isCheckingOut = false
            let text = explanation(failure, cart: state.cart)
            if failure.code == "CART_CHANGED" {
                state.message = text
                state.toast = ToastRequest(text, .warning)
                return reduce(into: &state, .load, dependencies)
            }
            state.message = "Checkout failed: " + text
            state.toast = ToastRequest("Checkout failed: " + text, .danger)
            return .none
        }
    }

    /// Opens the checkout asked for while a change was saving, on the cart the portal confirmed
    /// (a change that failed was rolled back, so the rep confirms what will really be ordered).
    private static func openDeferredCheckout(_ state: inout CartState) {
        guard state.checkoutWhenSaved else { return }
        state.checkoutWhenSaved = false
        state.message = nil
        guard let cart = state.cart, !cart.items.isEmpty else { return }
        state.confirmingVersion = cart.version
    }

    /// The cart to estimate against before the portal's has arrived.
    private static func emptyCart(currency: String, _ dependencies: AppDependencies) -> Cart {
        Cart(id: "", customer: nil, items: [], itemCount: 0, subtotalCents: 0, taxCents: 0, totalCents: 0, currency: currency, version: 0, updatedAt: dependencies.now())
    }

    /// Shows `cart`, keeping the selection on the same line where it can.
    private static func show(_ cart: Cart?, _ state: inout CartState) {
        let selectedID = state.selectedItem?.id
        state.cart = cart
        let items = cart?.items ?? []
        let index = selectedID.flatMap { id in items.firstIndex { $0.id == id } } ?? min(state.table.selected ?? 0, max(0, items.count - 1))
        state.table.select(index, rowCount: items.count, visibleRows: state.visibleRows)
    }

    private static func remove(_ item: CartItem, _ state: inout CartState, _ dependencies: AppDependencies) -> Effect<CartAction> {
        let removeFromCart = dependencies.removeFromCart
        let id = item.id
        return change(CartEstimate.setting(id, quantity: 0, in: state.cart), what: "remove \(item.name)", &state) {
            try await removeFromCart(id)
        }
    }

    /// Shows `estimate` now and sends the change; the answer confirms it or rolls it back.
    private static func change(
        _ estimate: Cart?, what: String, confirmation: String? = nil, _ state: inout CartState, _ call: @escaping @Sendable () async throws -> Cart
    ) -> Effect<CartAction> {
        state.pendingChanges += 1
        state.message = nil
        show(estimate ?? state.cart, &state)
        // No id: changes are queued in order by the data layer and must never cancel each other.
        return .run(id: nil) { send in
            do {
                send(.changeSucceeded(try await call(), confirmation: confirmation))
            } catch {
                send(.changeFailed(LoadFailure(error), what: what))
            }
        }
    }

    private static func searchCustomers(_ query: String, _ dependencies: AppDependencies) -> Effect<CartAction> {
        let customers = dependencies.customers
        return .load(
            id: customersEffect, { try await customers(query.isEmpty ? nil : query) }, loaded: { .customersLoaded($0) },
            failed: { .customersFailed($0) })
    }

    private static func modalKey(_ key: Key, _ state: inout CartState, _ dependencies: AppDependencies) -> Effect<CartAction> {
        if state.placedOrder != nil {
            if [.enter, .escape, .character("q"), .character(" ")].contains(key) { state.placedOrder = nil }
            return .none
        }
        if let version = state.confirmingVersion {
            switch key {
            case .enter, .character("y"):
                state.confirmingVersion = nil
                state.isCheckingOut = true
                let checkout = dependencies.checkout
                return .run(id: checkoutEffect) { send in
                    do {
                        send(.checkedOut(try await checkout(version)))
                    } catch {
                        send(.checkoutFailed(LoadFailure(error)))
                    }
                }
            case .escape, .character("n"):
                state.confirmingVersion = nil
            default: break
            }
            return .none
        }
        guard var picker = state.picker else { return .none }
        switch key {
        case .escape:
            state.picker = nil
            return .cancel(customersEffect)
        case .down, .control("n"):
            picker.list.move(by: 1, rowCount: picker.customers.count, visibleRows: 8)
        case .up, .control("p"):
            picker.list.move(by: -1, rowCount: picker.customers.count, visibleRows: 8)
        case .enter:
            guard let index = picker.list.selected, picker.customers.indices.contains(index) else { return .none }
            let customer = picker.customers[index]
            state.picker = nil
            let reference = CustomerReference(id: customer.id, name: customer.name)
            var estimate = state.cart
            estimate?.customer = reference
            let setCustomer = dependencies.setCartCustomer
            return .merge(
                .cancel(customersEffect),
                change(estimate, what: "choose \(customer.name)", &state) { try await setCustomer(reference) })
        default:
            let before = picker.search.text
            TextEditing.apply(key, to: &picker.search)
            state.picker = picker
            guard picker.search.text != before else { return .none }
            let query = picker.search.text.trimmingCharacters(in: .whitespaces)
            let sleep = dependencies.sleep
            return .run(id: customersEffect) { send in
                guard (try? await sleep(searchDelay)) != nil, !Task.isCancelled else { return }
                send(.customerSearchDebounced(query))
            }
        }
        state.picker = picker
        return .none
    }

    /// Why a cart change or checkout failed, in words for the rep.
    public static func explanation(_ failure: LoadFailure, cart: Cart?) -> String {
        if failure.isOffline { return "you're offline — cart changes need a connection." }
        switch failure.code {
        case "EMPTY_CART": return "the cart is empty — add products first."
        case "CUSTOMER_REQUIRED": return "choose a customer first (press c)."
        case "CART_CHANGED": return "the cart changed since you looked at it. Here it is again — check it and check out once more."
        case "INSUFFICIENT_STOCK" where !failure.shortages.isEmpty:
            let names = failure.shortages.map { shortage in
                let name = cart?.items.first { $0.productId == shortage.productId }?.name ?? shortage.productId
                return "\(name) (\(shortage.available) available, \(shortage.requested) wanted)"
            }
            return "not enough stock for " + names.joined(separator: ", ") + "."
        default:
            let message = failure.message
            return message.hasSuffix(".") ? message : message + "."
        }
    }

    // MARK: Rendering

    /// Where the lines' table goes within the pane's inner area (under the customer and the note,
    /// above the totals).
    static func tableArea(_ state: CartState, inner: Rect) -> Rect {
        let noteRows = state.message.map { min(2, WrappedText.wrap($0, width: inner.width).count) } ?? 0
        let top = inner.y + 1 + noteRows + 1
        return Rect(x: inner.x, y: top, width: inner.width, height: max(0, min(state.items.count + 1, inner.bottom - top - 5)))
    }

    static func quantityText(_ item: CartItem, packSizes: [String: Int]) -> String {
        UnitText.quantity(item.quantity, unit: item.unit, packSize: packSizes[item.productId])
    }

    public static func render(_ state: CartState, context: RenderContext, into buffer: inout Buffer, area: Rect) {
        let inner = area.inset(horizontal: 1)
        guard !inner.isEmpty else { return }
        guard let cart = state.cart else {
            if let failure = state.failure {
                buffer.set(x: inner.x, y: inner.y, string: "✗ " + failure.message, style: Style(.danger), maxWidth: inner.width)
            } else {
                buffer.set(x: inner.x, y: inner.y, string: "Loading the cart…", style: Style(.muted))
            }
            return
        }
        var y = inner.y
        let x = buffer.set(x: inner.x, y: y, string: "Customer: ", style: Style(.muted))
        if let customer = cart.customer {
            buffer.set(x: x, y: y, string: customer.name, style: Style.plain.bold, maxWidth: inner.right - x)
        } else {
            buffer.set(x: x, y: y, string: "none — press c to choose", style: Style(.warning), maxWidth: inner.right - x)
        }
        y += 1
        if let message = state.message {
            for line in WrappedText.wrap(message, width: inner.width).prefix(2) {
                buffer.set(x: inner.x, y: y, string: line, style: Style(.warning), maxWidth: inner.width)
                y += 1
            }
        }
        y += 1
        if cart.items.isEmpty {
            buffer.set(x: inner.x, y: y, string: "The cart is empty. Find products on the Products tab (3) and press a.", style: Style(.muted), maxWidth: inner.width)
        } else {
            let money = { (cents: Int) in Money.format(cents, currency: cart.currency) }
            let wide = inner.width >= 100
            let table = Table(
                columns: [
                    .init("Product", width: .fill(1)), .init("SKU", width: .length(wide ? 12 : 8)), .init("Qty", width: .length(15), alignment: .right),
                    .init("Price", width: .length(wide ? 11 : 9), alignment: .right), .init("Line total", width: .length(wide ? 12 : 10), alignment: .right),
                ],
                rows: cart.items.map { item in
                    Table.Row([item.name, item.sku, quantityText(item, packSizes: state.packSizes), money(item.unitPriceCents), money(item.lineTotalCents)])
                })
            let tableArea = tableArea(state, inner: inner)
            let height = tableArea.height
            table.render(into: &buffer, area: tableArea, state: state.table)
            y += height + 1
            for (label, cents, style) in [("Subtotal", cart.subtotalCents, Style.plain), ("Tax", cart.taxCents, .plain), ("Total", cart.totalCents, Style.plain.bold)]
            where y < inner.bottom {
                let text = DisplayWidth.pad(label, to: 10) + DisplayWidth.pad(money(cents), to: 14, alignRight: true)
                buffer.set(x: max(inner.x, inner.right - DisplayWidth.of(text)), y: y, string: text, style: style, maxWidth: inner.width)
                y += 1
            }
            if y < inner.bottom {
                let hint = state.isCheckingOut ? "Placing the order…" : "C / Enter  Checkout"
                buffer.set(x: max(inner.x, inner.right - DisplayWidth.of(hint)), y: y, string: hint, style: Style(.accent))
            }
        }
        if let picker = state.picker { renderPicker(picker, into: &buffer, area: area) }
        if state.confirmingVersion != nil { renderConfirmation(cart, into: &buffer, area: area) }
        if let order = state.placedOrder {
            Modal(
                title: "Order placed",
                body: "Order \(order.orderNumber) for \(order.customer.name), \(Money.format(order.totalCents, currency: order.currency)). It is on the Orders tab.",
                footer: "Enter close", width: 56
            ).render(into: &buffer, area: area)
        }
    }

    static func renderConfirmation(_ cart: Cart, into buffer: inout Buffer, area: Rect) {
        let customer = cart.customer?.name ?? "no customer chosen"
        let items = cart.itemCount == 1 ? "1 item" : "\(cart.itemCount) items"
        Modal(
            title: "Check out?",
            body: "Place an order for \(customer): \(items), total \(Money.format(cart.totalCents, currency: cart.currency)).",
            footer: "Enter place order · Esc cancel", width: 56
        ).render(into: &buffer, area: area)
    }

    static func renderPicker(_ picker: CartState.CustomerPicker, into buffer: inout Buffer, area: Rect) {
        let rows = 8
        let modal = Modal(title: "Choose a customer", body: "Type to search; ↑/↓ to pick.", footer: "Enter choose · Esc cancel", reservedRows: rows + 1, width: 60)
        let inside = modal.render(into: &buffer, area: area)
        guard inside.height > 1 else { return }
        TextInput(placeholder: "name, account or city", focused: true)
            .render(into: &buffer, area: Rect(x: inside.x, y: inside.y, width: inside.width, height: 1), state: picker.search)
        let listArea = Rect(x: inside.x, y: inside.y + 1, width: inside.width, height: inside.height - 1)
        let surface = Style(background: .role(.surface))
        if let failure = picker.failure {
            buffer.set(x: listArea.x, y: listArea.y, string: "✗ " + failure.message, style: surface.patched(with: Style(.danger)), maxWidth: listArea.width)
        } else if picker.customers.isEmpty {
            buffer.set(x: listArea.x, y: listArea.y, string: picker.isLoading ? "Searching…" : "No customers match.", style: surface.patched(with: Style(.muted)))
        } else {
            var list = List(picker.customers.map { List.Item("\($0.name) · \($0.city) · \($0.accountNumber)", style: surface) })
            list.highlightSymbol = "› "
            list.render(into: &buffer, area: listArea, state: picker.list)
        }
    }
}
