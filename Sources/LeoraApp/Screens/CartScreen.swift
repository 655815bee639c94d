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

    /// The prompt that sets a line's quantity by typing: the line and the quantity typed so far.
    public struct QuantityPrompt: Sendable, Equatable {
        public var item: CartItem
        public var quantity: QuantityField
        public init(item: CartItem) {
            self.item = item
            self.quantity = QuantityField(prefilled: item.quantity)
        }
    }

    /// A line just removed, which `u` puts back while the undo window is open. The removal was
    /// sent at once: undo adds the line again.
    public struct RemovedLine: Sendable, Equatable {
        public var item: CartItem
        public var packSize: Int?
        public var currency: String
        /// Tells this removal's window from a later one's.
        public var id: Int
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
    public var quantityPrompt: QuantityPrompt?
    /// The line `u` would put back; nil when the window has closed.
    public var removed: RemovedLine?
    public var nextRemovalID = 0
    /// How many changes were sent: the next one's effect id.
    public var changeCount = 0
    /// Checkout was asked for while a change was saving: the confirmation opens once it is saved.
    public var checkoutWhenSaved = false
    /// The cart version the confirmation was asked for; nil when not confirming.
    public var confirmingVersion: Int?
    public var isCheckingOut = false
    /// The order just placed, shown until dismissed.
    public var placedOrder: Order?
    /// A note above the lines ("The cart changed…").
    public var message: String?

    public init() {}

    public var items: [CartItem] { cart?.items ?? [] }
    public var selectedItem: CartItem? { table.selected.flatMap { items.indices.contains($0) ? items[$0] : nil } }
    /// Whether keys go to a modal (picker, quantity prompt, confirmation, placed order) rather than the keymap.
    public var capturesKeys: Bool { picker != nil || quantityPrompt != nil || confirmingVersion != nil || placedOrder != nil }
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
    /// Opens the prompt that types the selected line's quantity.
    case editQuantity
    /// `u`: puts back the line just removed.
    case undoRemoval
    case undoWindowClosed(id: Int)
    /// Adds from the catalogue (the products pane's quantity prompt).
    case add(Product, quantity: Int)
    /// Adds a reorder's lines in one go (with its customer when the cart has none or is replaced).
    case addLines(ReorderPlan)
    /// The reorder's calls are done.
    case linesAdded(ReorderPlan, ReorderOutcome)
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
    /// `y` in the checkout confirmation: place the order.
    case checkoutConfirmed
    case checkoutDismissed
    case checkedOut(Order)
    case checkoutFailed(LoadFailure)
    /// Products read from the catalogue: their pack sizes, for the lines' quantities.
    case productsRead([Product])
    case delegate(PaneDelegate)
}

public enum CartScreen {
    static let lifetime = EffectID("cart")
    static let loadEffect = lifetime.appending("load")
    static let customersEffect = lifetime.appending("customers")
    static let checkoutEffect = lifetime.appending("checkout")
    static let undoWindowEffect = lifetime.appending("undoWindow")
    /// Each change to the cart runs under an id of its own: changes never cancel each other (the data
    /// layer queues them in order), and logging out ends them all with the cart's lifetime.
    static func changeEffect(_ number: Int) -> EffectID { lifetime.appending("change", "\(number)") }
    /// How long `u` can put a removed line back: as long as the toast that offers it.
    static let undoWindow = AppReducer.toastDuration
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
        KeyBinding([.character("e")], label: "quantity", help: "Type the line's quantity", action: .cart(.editQuantity), section: "Cart", permission: .cartWrite),
        KeyBinding(
            [.character("u")], label: "undo", help: "Put back the line just removed (for a few seconds)", action: .cart(.undoRemoval), section: "Cart",
            permission: .cartWrite, inFooter: false),
        KeyBinding([.character("d")], label: "remove", help: "Remove the line", action: .cart(.removeSelected), section: "Cart", permission: .cartWrite),
    ])

    /// The checkout confirmation's keys: only `y` places the order, so the C or Enter that opened
    /// it, pressed once more, never does.
    public static let checkoutKeymap = Keymap([
        KeyBinding(
            [.character("y")], label: "place order", help: "Place the order (in the checkout confirmation)", action: .cart(.checkoutConfirmed),
            section: "Checkout", permission: .cartWrite, additionalPermissions: [.ordersWrite]),
        KeyBinding([.escape, .character("n")], label: "back", help: "Close the confirmation without ordering", action: .cart(.checkoutDismissed), section: "Checkout"),
    ])

    /// How many lines the checkout confirmation lists before "and N more".
    static let linesInConfirmation = 5

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

        case .editQuantity:
            guard let item = state.selectedItem else { return .none }
            state.quantityPrompt = CartState.QuantityPrompt(item: item)
            return .none

        case .undoRemoval:
            guard let removed = state.removed else { return toast("Nothing to undo.", .info) }
            state.removed = nil
            let item = removed.item
            // The removal failed and was rolled back, or the line was added again meanwhile.
            guard !state.items.contains(where: { $0.productId == item.productId }) else { return .cancel(undoWindowEffect) }
            let product = product(putting: removed)
            let addToCart = dependencies.addToCart
            let quantity = UnitText.quantity(item.quantity, unit: item.unit, packSize: removed.packSize)
            return .merge(
                .cancel(undoWindowEffect),
                change(
                    CartEstimate.adding(product, quantity: item.quantity, to: state.cart), what: "put back \(item.name)",
                    confirmation: "Put back \(quantity) of \(item.name).", &state
                ) { try await addToCart(product, item.quantity) })

        case .undoWindowClosed(let id):
            if state.removed?.id == id { state.removed = nil }
            return .none

        case .add(let product, let quantity):
            state.packSizes[product.id] = product.packSize
            let base = state.cart ?? emptyCart(currency: product.currency, dependencies)
            let addToCart = dependencies.addToCart
            let confirmation = "Added \(UnitText.quantity(quantity, unit: product.unit, packSize: product.packSize)) of \(product.name) to the cart."
            return change(CartEstimate.adding(product, quantity: quantity, to: base), what: "add \(product.name)", confirmation: confirmation, &state) {
                try await addToCart(product, quantity)
            }

        case .addLines(let plan):
            let setsCustomer = plan.mode == .replace || state.cart?.customer == nil
            var estimate: Cart? = state.cart ?? emptyCart(currency: plan.lines.first?.product.currency ?? "USD", dependencies)
            if plan.mode == .replace {
                for item in state.items { estimate = CartEstimate.setting(item.id, quantity: 0, in: estimate) }
            }
            for line in plan.lines {
                state.packSizes[line.product.id] = line.product.packSize
                estimate = CartEstimate.adding(line.product, quantity: line.quantity, to: estimate)
            }
            if setsCustomer { estimate?.customer = plan.customer }
            state.pendingChanges += 1
            state.message = nil
            show(estimate, &state)
            let calls = CartCalls(dependencies)
            state.changeCount += 1
            return .run(id: changeEffect(state.changeCount)) { send in send(.linesAdded(plan, await calls.add(plan, settingCustomer: setsCustomer))) }

        case .linesAdded(let plan, let outcome):
            state.pendingChanges = max(0, state.pendingChanges - 1)
            if let cart = outcome.cart {
                state.confirmed = cart
                state.updatedAt = dependencies.now()
            }
            var deferred: Effect<CartAction> = .none
            if state.pendingChanges == 0 {
                show(state.confirmed, &state)
                deferred = openDeferredCheckout(&state)
            }
            if let failure = outcome.failure {
                let reason = explanation(failure, cart: state.cart)
                // After an error the portal's cart is the truth: read it again.
                return .merge(
                    deferred, toast("Reordering \(plan.source) stopped after \(outcome.added) of \(plan.lines.count) lines: \(reason)", .danger),
                    reduce(into: &state, .load, dependencies))
            }
            let leftOut = plan.leftOut + outcome.refused
            return .merge(deferred, toast(Reorder.toast(source: plan.source, added: outcome.added, leftOut: leftOut), leftOut.isEmpty ? .success : .warning))

        case .changeSucceeded(let cart, let confirmation):
            state.pendingChanges = max(0, state.pendingChanges - 1)
            state.confirmed = cart
            state.updatedAt = dependencies.now()
            var deferred: Effect<CartAction> = .none
            if state.pendingChanges == 0 {
                show(cart, &state)
                deferred = openDeferredCheckout(&state)
            }
            return .merge(confirmation.map { toast($0, .success) } ?? .none, deferred)

        case .changeFailed(let failure, let what):
            state.pendingChanges = max(0, state.pendingChanges - 1)
            // Explained against the cart as shown, which still names the line that failed.
            let reason = explanation(failure, cart: state.cart)
            show(state.confirmed, &state)
            if let removed = state.removed, state.items.contains(where: { $0.productId == removed.item.productId }) { state.removed = nil }
            return .merge(toast("Couldn't \(what): \(reason) Rolled back.", .danger), state.pendingChanges == 0 ? openDeferredCheckout(&state) : .none)

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
            guard let cart = state.cart, !state.isCheckingOut else { return .none }
            if let refusal = checkoutRefusal(cart) { return toast(refusal, .warning) }
            guard state.pendingChanges == 0 else {
                state.checkoutWhenSaved = true
                state.message = "Saving your last change — the checkout opens when it is saved."
                return .none
            }
            state.message = nil
            state.confirmingVersion = cart.version
            return .none

        case .checkoutConfirmed:
            guard let version = state.confirmingVersion else { return .none }
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

        case .checkoutDismissed:
            state.confirmingVersion = nil
            return .none

        case .checkedOut(let order):
            state.isCheckingOut = false
            state.placedOrder = order
            state.removed = nil
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
            return .merge(.send(.delegate(.orderPlaced(order))), reduce(into: &state, .load, dependencies))

        case .checkoutFailed(let failure):
            state.isCheckingOut = false
            let text = explanation(failure, cart: state.cart)
            if failure.code == "CART_CHANGED" {
                state.message = text
                return .merge(toast(text, .warning), reduce(into: &state, .load, dependencies))
            }
            state.message = "Checkout failed: " + text
            return toast("Checkout failed: " + text, .danger)

        case .productsRead(let products):
            for product in products { state.packSizes[product.id] = product.packSize }
            return .none

        case .delegate:
            return .none
        }
    }

    private static func toast(_ message: String, _ kind: Toast.Kind) -> Effect<CartAction> { .send(.delegate(.toast(message, kind))) }

    /// Opens the checkout asked for while a change was saving, on the cart the portal confirmed
    /// (a change that failed was rolled back, so the rep confirms what will really be ordered).
    private static func openDeferredCheckout(_ state: inout CartState) -> Effect<CartAction> {
        guard state.checkoutWhenSaved else { return .none }
        state.checkoutWhenSaved = false
        state.message = nil
        guard let cart = state.cart else { return .none }
        if let refusal = checkoutRefusal(cart) { return toast(refusal, .warning) }
        state.confirmingVersion = cart.version
        return .none
    }

    /// Why checkout cannot even be asked for (said at once, without a dialog); nil when it can.
    static func checkoutRefusal(_ cart: Cart) -> String? {
        if cart.items.isEmpty { return "The cart is empty — add products first (Products tab, a)." }
        if cart.customer == nil { return "Choose a customer first (press c)." }
        return nil
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

    /// Removes the line at once, and keeps it for `u` while the undo window is open: quitting in
    /// the window loses nothing, since the portal already has what the screen shows.
    private static func remove(_ item: CartItem, _ state: inout CartState, _ dependencies: AppDependencies) -> Effect<CartAction> {
        let removeFromCart = dependencies.removeFromCart
        let id = item.id
        let removalID = state.nextRemovalID
        state.nextRemovalID += 1
        state.removed = CartState.RemovedLine(item: item, packSize: state.packSizes[item.productId], currency: state.cart?.currency ?? "USD", id: removalID)
        let sleep = dependencies.sleep
        return .merge(
            toast("Removed \(item.name) — u to undo.", .info),
            change(CartEstimate.setting(id, quantity: 0, in: state.cart), what: "remove \(item.name)", &state) { try await removeFromCart(id) },
            .run(id: undoWindowEffect) { send in
                guard (try? await sleep(undoWindow)) != nil else { return }
                send(.undoWindowClosed(id: removalID))
            })
    }

    /// The product as a removed line knows it: enough to add it again (the portal answers with the truth).
    private static func product(putting removed: CartState.RemovedLine) -> Product {
        let item = removed.item
        return Product(
            id: item.productId, sku: item.sku, name: item.name, brand: "", category: "", description: "", unitPriceCents: item.unitPriceCents,
            currency: removed.currency, unit: item.unit, packSize: removed.packSize ?? 1, active: true,
            inventory: Inventory(productId: item.productId, onHand: 0, reserved: 0, available: 0, updatedAt: .distantPast))
    }

    /// Shows `estimate` now and sends the change; the answer confirms it or rolls it back.
    private static func change(
        _ estimate: Cart?, what: String, confirmation: String? = nil, _ state: inout CartState, _ call: @escaping @Sendable () async throws -> Cart
    ) -> Effect<CartAction> {
        state.pendingChanges += 1
        state.message = nil
        show(estimate ?? state.cart, &state)
        state.changeCount += 1
        return .run(id: changeEffect(state.changeCount)) { send in
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
        if var prompt = state.quantityPrompt { return quantityKey(key, &prompt, &state, dependencies) }
        // The checkout confirmation's keys are its keymap's (the app dispatches them): nothing else counts.
        if state.confirmingVersion != nil { return .none }
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

    /// Keys while the quantity prompt is open: Enter sets the typed quantity (if it changed).
    private static func quantityKey(_ key: Key, _ prompt: inout CartState.QuantityPrompt, _ state: inout CartState, _ dependencies: AppDependencies) -> Effect<CartAction> {
        switch key {
        case .escape:
            state.quantityPrompt = nil
        case .enter:
            guard let quantity = prompt.quantity.submit() else {
                state.quantityPrompt = prompt
                return .none
            }
            state.quantityPrompt = nil
            // The line as it is now (a change may have landed while the prompt was open).
            guard let item = state.items.first(where: { $0.id == prompt.item.id }), item.quantity != quantity else { return .none }
            let setQuantity = dependencies.setCartQuantity
            let id = item.id
            return change(CartEstimate.setting(id, quantity: quantity, in: state.cart), what: "change \(item.name)", &state) {
                try await setQuantity(id, quantity)
            }
        default:
            prompt.quantity.apply(key)
            state.quantityPrompt = prompt
        }
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
}

extension CartScreen: Pane {
    static var tab: AppTab { .cart }
    static var permission: Permission? { .cartWrite }
    static var refusal: String { "Your role cannot use a cart." }
    static var load: CartAction { .load }
    static var dialogKeymaps: Keymap { checkoutKeymap }

    static func dialog(_ state: CartState) -> Keymap? { state.confirmingVersion != nil ? checkoutKeymap : nil }
    static func capturedKey(_ key: Key, _ state: CartState) -> CartAction? { state.capturesKeys ? .key(key) : nil }
    static func fresh(for session: SavedSession) -> CartState { CartState() }
    static func needsLoad(_ state: CartState) -> Bool { state.confirmed == nil && !state.isLoading }
    static func isBusy(_ state: CartState) -> Bool { state.isLoading || state.isCheckingOut }
    static func updatedAt(_ state: CartState) -> Date? { state.updatedAt }

    static func resized(_ state: inout CartState, to area: Rect) {
        // The customer, a note, the header, the totals and the checkout hint.
        state.visibleRows = max(1, area.height - 9)
    }

    static func delegate(_ action: CartAction) -> PaneDelegate? {
        if case .delegate(let delegate) = action { delegate } else { nil }
    }

    static func reachability(_ action: CartAction) -> Reachability? {
        switch action {
        case .loaded, .changeSucceeded, .checkedOut: .reached
        case .loadFailed(let failure), .changeFailed(let failure, _), .checkoutFailed(let failure): .failed(failure)
        case .linesAdded(_, let outcome): outcome.failure.map { .failed($0) } ?? .reached
        default: nil
        }
    }

    static func needsConnection(_ action: CartAction) -> Bool {
        switch action {
        case .increment, .decrement, .removeSelected, .editQuantity, .undoRemoval, .openCustomerPicker, .requestCheckout, .checkoutConfirmed, .add, .addLines:
            true
        default: false
        }
    }

    static func click(atY y: Int, x: Int, in state: CartState, area: Rect) -> CartAction? {
        guard !state.capturesKeys else { return nil }
        let table = tableArea(state, inner: area.inset(horizontal: 1))
        guard table.contains(x: x, y: y) else { return nil }
        return Table(columns: [], rowCount: state.items.count) { _ in [] }.rowIndex(atY: y, in: table, state: state.table).map { .select($0) }
    }
}
