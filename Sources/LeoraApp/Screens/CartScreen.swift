import Foundation
import LeoraKit
import PortalAPI
import TerminalUI

/// The cart: its lines with absolute quantities, the customer picker, totals and checkout. The
/// cart shown is the query cache's (`PortalCart`), observed for the whole session: a change shows
/// at once as the cache's estimate and goes back to the portal's cart when it fails — the pane
/// keeps no copy of its own to roll back to.
public struct CartState: PaneStateValue {
    /// The customer picker: a search field and the customers it found.
    public struct CustomerPicker: Sendable, Equatable {
        public var search = SearchField(isActive: true)
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
        /// The prompt types the quantity of "apply mine" for the conflict replay stopped at, not a line's.
        public var resolvesConflict = false
        public init(item: CartItem, resolvesConflict: Bool = false) {
            self.item = item
            self.quantity = QuantityField(prefilled: item.quantity)
            self.resolvesConflict = resolvesConflict
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

    /// The cart as the cache shows it: the portal's, with the changes in flight applied.
    public var cart: Cart?
    /// Changes the cache has not settled yet (its count, `QueryState.pendingMutations`).
    public var pendingChanges = 0
    /// The cache's revision of what is shown: a snapshot arriving late (observations and change
    /// answers travel apart) never replaces a newer one.
    public var revision: UInt64 = 0
    /// Changes this pane sent whose answer it has not had yet (they may not have reached the cache).
    public var changesInFlight = 0
    /// Whether the cache's cart is being observed (from the session's start).
    public var isObserving = false
    /// The cart's fetch as the cache reports it.
    public var load = LoadState()
    public var table = TableState()
    /// Where the pane is drawn (the main layout's content area).
    public var area = Rect(x: 0, y: 1, width: 80, height: 21)
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
    /// A checkout was sent and its answer lost: it completes (same key, no second order) when the
    /// portal answers again; no other checkout starts until then.
    public var checkoutOutcomeUnknown = false
    /// The order just placed, shown until dismissed.
    public var placedOrder: Order?
    /// A note above the lines ("The cart changed…").
    public var message: HintText?
    /// Changes made offline that have not reached the portal, and the conflict replay stopped at.
    public var queue = CartQueue.Snapshot()
    /// Whether the portal can be reached (the app's connectivity, passed on).
    public var isOnline = true
    public var isReplaying = false
    /// The queue drained and the cart is being fetched again: checkout waits for its fresh version.
    public var awaitingFreshCart = false

    public init() {}

    public var items: [CartItem] { cart?.items ?? [] }
    public var selectedItem: CartItem? { table.selected.flatMap { items.indices.contains($0) ? items[$0] : nil } }
    /// Whether keys go to a modal (picker, quantity prompt, confirmation, placed order) rather than the keymap.
    public var capturesKeys: Bool { picker != nil || quantityPrompt != nil || confirmingVersion != nil || placedOrder != nil }
    /// Rows the lines' table shows at once: from its place in `area`, as it is drawn.
    public var visibleRows: Int { Table.visibleRows(in: CartScreen.tableArea(self, inner: area.inset(horizontal: 1))) }
    /// Rows the customer picker's list shows at once, as it is drawn.
    public var pickerRows: Int { picker.map { CartScreen.pickerLayout($0, area: area).list.height } ?? 0 }

    /// Whether every change sent is settled and shown: what the checkout confirmation waits for.
    public var isSaved: Bool { changesInFlight == 0 && pendingChanges == 0 && queue.isEmpty && !awaitingFreshCart }

    /// Equal when they show the same: `revision` only orders the cache's snapshots.
    public static func == (lhs: CartState, rhs: CartState) -> Bool {
        lhs.cart == rhs.cart
            && lhs.pendingChanges == rhs.pendingChanges
            && lhs.changesInFlight == rhs.changesInFlight
            && lhs.isObserving == rhs.isObserving
            && lhs.load == rhs.load
            && lhs.table == rhs.table
            && lhs.area == rhs.area
            && lhs.packSizes == rhs.packSizes
            && lhs.picker == rhs.picker
            && lhs.quantityPrompt == rhs.quantityPrompt
            && lhs.removed == rhs.removed
            && lhs.nextRemovalID == rhs.nextRemovalID
            && lhs.changeCount == rhs.changeCount
            && lhs.checkoutWhenSaved == rhs.checkoutWhenSaved
            && lhs.confirmingVersion == rhs.confirmingVersion
            && lhs.isCheckingOut == rhs.isCheckingOut
            && lhs.checkoutOutcomeUnknown == rhs.checkoutOutcomeUnknown
            && lhs.placedOrder == rhs.placedOrder
            && lhs.message == rhs.message
            && lhs.queue == rhs.queue
            && lhs.isOnline == rhs.isOnline
            && lhs.isReplaying == rhs.isReplaying
            && lhs.awaitingFreshCart == rhs.awaitingFreshCart
    }
}

/// The cache's cart as the pane receives it.
public struct CartSnapshot: Sendable, Equatable {
    public var cart: Cart?
    public var pendingChanges: Int
    public var isFetching: Bool
    /// Why the last fetch failed (the cart shown, if any, is the last one received).
    public var failure: LoadFailure?
    public var updatedAt: Date?
    /// Orders snapshots (`QueryState.revision`); not part of what makes two snapshots equal.
    public var revision: UInt64

    public static func == (lhs: CartSnapshot, rhs: CartSnapshot) -> Bool {
        lhs.cart == rhs.cart && lhs.pendingChanges == rhs.pendingChanges && lhs.isFetching == rhs.isFetching && lhs.failure == rhs.failure
            && lhs.updatedAt == rhs.updatedAt
    }

    public init(
        cart: Cart?, pendingChanges: Int = 0, isFetching: Bool = false, failure: LoadFailure? = nil, updatedAt: Date? = nil, revision: UInt64 = 0
    ) {
        self.cart = cart
        self.pendingChanges = pendingChanges
        self.isFetching = isFetching
        self.failure = failure
        self.updatedAt = updatedAt
        self.revision = revision
    }

    init(_ state: QueryState<Cart>) {
        self.init(
            cart: state.data, pendingChanges: state.pendingMutations, isFetching: state.isFetching, failure: state.error.map(LoadFailure.init),
            updatedAt: state.dataUpdatedAt, revision: state.revision)
    }
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
    /// Observes the cache's cart (fetched when missing or stale).
    case load
    case observed(CartSnapshot)
    /// Moves the selection (keys, a click).
    case navigate(TableMove)
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
    /// The reorder's calls are done (with the cache's cart once they settled).
    case linesAdded(ReorderPlan, ReorderOutcome, CartSnapshot?)
    /// A change the portal confirmed, with the cache's cart once it settled; `confirmation` is
    /// toasted when given ("Added 2 × …").
    case changeSucceeded(CartSnapshot?, confirmation: String?)
    /// A change that failed and was rolled back (the cache's cart after): the toast saying so, and
    /// the removal it was, if any.
    case changeFailed(LoadFailure, CartSnapshot?, toast: HintText, removal: Int?)
    case openCustomerPicker
    case pickerMoved(Int)
    /// Enter in the picker: the selected customer becomes the cart's.
    case customerChosen
    /// The cart is for this customer from now on (the customers pane's "start the cart").
    case setCustomer(CustomerReference)
    case pickerDismissed
    /// Enter in the quantity prompt.
    case quantitySubmitted
    case quantityDismissed
    case placedOrderDismissed
    /// A key typed in the picker's search field or the quantity prompt.
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
    /// The checkout's answer was lost (offline, a 5xx): the order may exist.
    case checkoutOutcomeUnknown(LoadFailure)
    /// Sends a checkout whose answer was lost again, with its key (at start, back online, and a
    /// while after each lost answer); nothing when none is waiting.
    case resumeCheckout
    case checkoutResuming
    /// Products read from the catalogue: their pack sizes, for the lines' quantities.
    case productsRead([Product])
    /// A change went to the offline queue (no connection, or earlier changes still wait there).
    case changeQueued(CartSnapshot?)
    /// The offline queue as the file holds it now (this process's changes, another's, a replay's).
    case queueChanged(CartQueue.Snapshot)
    /// The portal can be reached again (or not): waiting changes are replayed when it can.
    case connectivity(online: Bool)
    /// Replays the waiting changes in order (nothing when none wait or one replay runs).
    case replayQueue
    case replayFinished(CartReplayOutcome)
    /// The cart fetched after the queue drained: its version is the one checkout may use.
    case freshCartRead
    /// The conflict's choices: keep the portal's value, apply mine (the quantity prompt), drop the change.
    case keepServerValue
    case applyMyQuantity
    case dropChange
    case conflictResolved(HintText)
    case delegate(PaneDelegate)
}

public enum CartScreen {
    static let lifetime = EffectID("cart")
    static let loadEffect = lifetime.appending("observe")
    static let customersEffect = lifetime.appending("customers")
    static let checkoutEffect = lifetime.appending("checkout")
    static let undoWindowEffect = lifetime.appending("undoWindow")
    static let queueEffect = lifetime.appending("queue")
    static let queueWatchEffect = lifetime.appending("queueWatch")
    static let replayEffect = lifetime.appending("replay")
    static let freshCartEffect = lifetime.appending("freshCart")
    static let sendHeldEffect = lifetime.appending("sendHeld")
    /// How long after an interrupted replay (a 5xx, another process's replay that ended) it is tried again.
    static let replayRetryDelay: Duration = .seconds(5)
    /// Each change to the cart runs under an id of its own: changes never cancel each other (the
    /// cache queues them in order), and logging out ends them all with the cart's lifetime.
    static func changeEffect(_ number: Int) -> EffectID { lifetime.appending("change", "\(number)") }
    /// How long `u` can put a removed line back: as long as the toast that offers it.
    static let undoWindow = AppReducer.toastDuration
    static let searchDelay: Duration = .milliseconds(300)

    static let checkout = KeyBinding(
        [.character("C"), .enter], label: "checkout", help: "Check out (asks for confirmation)", action: .cart(.requestCheckout), section: "Cart",
        permission: .cartWrite, additionalPermissions: [.ordersWrite])
    static let chooseCustomer = KeyBinding(
        [.character("c")], label: "customer", help: "Choose the customer", action: .cart(.openCustomerPicker), section: "Cart", permission: .cartWrite)
    static let undo = KeyBinding(
        [.character("u")], label: "undo", help: "Put back the line just removed (for a few seconds)", action: .cart(.undoRemoval), section: "Cart",
        permission: .cartWrite, inFooter: false)

    static let keepServer = KeyBinding(
        [.character("K")], label: "keep portal's", help: "Conflict: keep the portal's value, drop my change to it", action: .cart(.keepServerValue),
        section: "Cart", permission: .cartWrite, inFooter: false)
    static let applyMine = KeyBinding(
        [.character("M")], label: "apply mine", help: "Conflict: apply my change, with a quantity I type", action: .cart(.applyMyQuantity), section: "Cart",
        permission: .cartWrite, inFooter: false)
    static let dropChange = KeyBinding(
        [.character("X")], label: "drop change", help: "Conflict: drop my waiting change", action: .cart(.dropChange), section: "Cart",
        permission: .cartWrite, inFooter: false)

    public static let keymap = Keymap(
        [checkout, chooseCustomer, keepServer, applyMine, dropChange] + Keymap.tableNavigation(section: "Cart", row: "line", paging: false) { .cart(.navigate($0)) } + [
        KeyBinding([.character("+")], label: "more", help: "One more of the line", action: .cart(.increment), section: "Cart", permission: .cartWrite),
        KeyBinding([.character("-")], label: "less", help: "One fewer of the line", action: .cart(.decrement), section: "Cart", permission: .cartWrite),
        KeyBinding([.character("e")], label: "quantity", help: "Type the line's quantity", action: .cart(.editQuantity), section: "Cart", permission: .cartWrite),
        undo,
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

    static let pickerUp = KeyBinding([.up, .control("p")], label: "up", help: "Previous customer", action: .cart(.pickerMoved(-1)), section: "Choose a customer", inFooter: false)
    static let pickerDown = KeyBinding([.down, .control("n")], label: "down", help: "Next customer", action: .cart(.pickerMoved(1)), section: "Choose a customer", inFooter: false)

    /// The customer picker's keys; every other key types in its search field.
    public static let pickerKeymap = Keymap([
        KeyBinding([.enter], label: "choose", help: "Choose the customer (in the picker)", action: .cart(.customerChosen), section: "Choose a customer"),
        KeyBinding([.escape], label: "cancel", help: "Close the picker without choosing", action: .cart(.pickerDismissed), section: "Choose a customer"),
        pickerUp, pickerDown,
    ])

    /// The quantity prompt's keys; digits and editing keys type the quantity.
    public static let quantityKeymap = Keymap([
        KeyBinding([.enter], label: "set", help: "Set the line to the quantity typed", action: .cart(.quantitySubmitted), section: "Line quantity"),
        KeyBinding([.escape], label: "cancel", help: "Close the prompt, quantity unchanged", action: .cart(.quantityDismissed), section: "Line quantity"),
    ])

    /// The keys of the notice of the order just placed.
    public static let placedOrderKeymap = Keymap([
        KeyBinding(
            [.enter, .escape, .character("q"), .character(" ")], label: "close", help: "Close the notice of the order placed", action: .cart(.placedOrderDismissed),
            section: "Order placed"),
    ])

    /// How many lines the checkout confirmation lists before "and N more".
    static let linesInConfirmation = 5

    public static func reduce(into state: inout CartState, _ action: CartAction, _ dependencies: AppDependencies) -> Effect<CartAction> {
        switch action {
        case .load:
            state.isObserving = true
            state.load.isLoading = state.cart == nil
            let cart = dependencies.cart
            let observe: Effect<CartAction> = .run(id: loadEffect) { send in
                for await snapshot in await cart.observe() { send(.observed(CartSnapshot(snapshot))) }
            }
            guard let queue = cart.queue else { return observe }
            return .merge(
                observe,
                .run(id: queueEffect) { send in
                    await queue.reload()
                    for await snapshot in await queue.observe() { send(.queueChanged(snapshot)) }
                },
                // Another leora adding to or replaying the queue: this one reads the file again.
                .run(id: queueWatchEffect) { _ in
                    guard let file = await queue.file(), let watcher = SessionFileWatcher(directory: file.directory, fileName: file.url.lastPathComponent) else { return }
                    while !Task.isCancelled {
                        if await watcher.wait() { await queue.reload() }
                    }
                })

        case .observed(let snapshot):
            adopt(snapshot, &state)
            return openDeferredCheckout(&state)

        case .navigate(let move):
            state.table.apply(move, rowCount: state.items.count, visibleRows: state.visibleRows)
            return .none

        case .increment, .decrement:
            guard let item = state.selectedItem else { return .none }
            let delta = action == .increment ? 1 : -1
            guard item.quantity.saturatingAdding(delta) > 0 else { return remove(item, &state, dependencies) }
            let cart = dependencies.cart
            let id = item.id
            return change("change \(item.name)", &state, dependencies) { try await cart.changeQuantity(itemId: id, by: delta) }

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
            let cart = dependencies.cart
            let quantity = UnitText.quantity(item.quantity, unit: item.unit, packSize: removed.packSize)
            return .merge(
                .cancel(undoWindowEffect),
                change("put back \(item.name)", adding: product, confirmation: "Put back \(quantity) of \(item.name).", &state, dependencies) {
                    try await cart.add(product, quantity: item.quantity)
                })

        case .undoWindowClosed(let id):
            if state.removed?.id == id { state.removed = nil }
            return .none

        case .add(let product, let quantity):
            state.packSizes[product.id] = product.packSize
            let cart = dependencies.cart
            let confirmation = "Added \(UnitText.quantity(quantity, unit: product.unit, packSize: product.packSize)) of \(product.name) to the cart."
            return change("add \(product.name)", adding: product, confirmation: confirmation, &state, dependencies) { try await cart.add(product, quantity: quantity) }

        case .addLines(let plan):
            let setsCustomer = plan.mode == .replace || state.cart?.customer == nil
            for line in plan.lines { state.packSizes[line.product.id] = line.product.packSize }
            state.message = nil
            state.changesInFlight += 1
            state.changeCount += 1
            let cart = dependencies.cart
            return .run(id: changeEffect(state.changeCount)) { send in
                let outcome = await CartCalls.add(plan, settingCustomer: setsCustomer, to: cart)
                send(.linesAdded(plan, outcome, await cart.state().map(CartSnapshot.init)))
            }

        case .linesAdded(let plan, let outcome, let snapshot):
            state.changesInFlight = max(0, state.changesInFlight - 1)
            if let snapshot { adopt(snapshot, &state) }
            let deferred = openDeferredCheckout(&state)
            // After an error the cache fetches the portal's cart again: it is the truth.
            if let failure = outcome.failure {
                let reason = explanation(failure, cart: state.cart)
                return .merge(deferred, toast("Reordering \(plan.source) stopped after \(outcome.added) of \(plan.lines.count) lines: \(reason)", .danger))
            }
            let leftOut = plan.leftOut + outcome.refused
            return .merge(deferred, toast(HintText(Reorder.toast(source: plan.source, added: outcome.added, leftOut: leftOut)), leftOut.isEmpty ? .success : .warning))

        case .changeSucceeded(let snapshot, let confirmation):
            state.changesInFlight = max(0, state.changesInFlight - 1)
            if let snapshot { adopt(snapshot, &state) }
            return .merge(confirmation.map { toast(HintText($0), .success) } ?? .none, openDeferredCheckout(&state))

        case .changeFailed(_, let snapshot, let message, let removal):
            state.changesInFlight = max(0, state.changesInFlight - 1)
            if let snapshot { adopt(snapshot, &state) }
            // A removal that failed has nothing to undo: the line is back.
            if let removal, state.removed?.id == removal { state.removed = nil }
            return .merge(toast(message, .danger), openDeferredCheckout(&state))

        case .openCustomerPicker:
            state.picker = CartState.CustomerPicker()
            return searchCustomers("", dependencies)

        case .key(let key):
            return typed(key, &state, dependencies)

        case .pickerMoved(let delta):
            guard var picker = state.picker else { return .none }
            picker.list.move(by: delta, rowCount: picker.customers.count, visibleRows: state.pickerRows)
            state.picker = picker
            return .none

        case .customerChosen:
            guard let picker = state.picker, let index = picker.list.selected, picker.customers.indices.contains(index) else { return .none }
            let customer = picker.customers[index]
            state.picker = nil
            let reference = CustomerReference(id: customer.id, name: customer.name)
            let cart = dependencies.cart
            return .merge(.cancel(customersEffect), change("choose \(customer.name)", &state, dependencies) { try await cart.setCustomer(reference) })

        case .setCustomer(let customer):
            if state.cart?.customer?.id == customer.id { return toast("The cart is already for \(customer.name).", .info) }
            let lines = state.items.count
            let previous = state.cart?.customer.map { " (\(lines == 1 ? "its line" : "its \(lines) lines") were for \($0.name))" } ?? ""
            let cart = dependencies.cart
            return change(
                "choose \(customer.name)", confirmation: "The cart is now for \(customer.name)\(lines > 0 ? previous : "").", &state, dependencies
            ) { try await cart.setCustomer(customer) }

        case .pickerDismissed:
            state.picker = nil
            return .cancel(customersEffect)

        case .quantitySubmitted:
            guard var prompt = state.quantityPrompt else { return .none }
            guard let quantity = prompt.quantity.submit() else {
                state.quantityPrompt = prompt
                return .none
            }
            state.quantityPrompt = nil
            if prompt.resolvesConflict { return resolve(.applyMine(quantity: quantity), "Applying \(prompt.item.name) × \(quantity).", dependencies) }
            // The line as it is now (a change may have landed while the prompt was open).
            guard let item = state.items.first(where: { $0.id == prompt.item.id }), item.quantity != quantity else { return .none }
            let cart = dependencies.cart
            let id = item.id
            return change("change \(item.name)", &state, dependencies) { try await cart.setQuantity(itemId: id, quantity: quantity) }

        case .quantityDismissed:
            state.quantityPrompt = nil
            return .none

        case .placedOrderDismissed:
            state.placedOrder = nil
            return .none

        case .customerSearchDebounced(let query):
            state.picker?.isLoading = true
            return searchCustomers(query, dependencies)

        case .customersLoaded(let customers):
            guard state.picker != nil else { return .none }
            state.picker?.customers = customers
            state.picker?.isLoading = false
            state.picker?.failure = nil
            let rows = state.pickerRows
            state.picker?.list = TableState()
            state.picker?.list.select(0, rowCount: customers.count, visibleRows: rows)
            return .none

        case .customersFailed(let failure):
            state.picker?.isLoading = false
            state.picker?.failure = failure
            return .none

        case .requestCheckout:
            guard let cart = state.cart, !state.isCheckingOut else { return .none }
            if state.checkoutOutcomeUnknown { return toast(Self.outcomeUnknown, .warning) }
            if let refusal = checkoutRefusal(cart) { return toast(refusal, .warning) }
            if let waiting = checkoutWait(state) {
                state.checkoutWhenSaved = true
                state.message = waiting
                return .none
            }
            guard state.isSaved else {
                state.checkoutWhenSaved = true
                state.message = "Saving your last change — the checkout opens when it is saved."
                // Quick presses held to be sent as one (`CartQuantityHold`) go now.
                let cart = dependencies.cart
                return .run(id: sendHeldEffect) { _ in cart.hold?.flush() }
            }
            state.message = nil
            state.confirmingVersion = cart.version
            return .none

        case .checkoutConfirmed:
            guard let version = state.confirmingVersion else { return .none }
            state.confirmingVersion = nil
            state.isCheckingOut = true
            let cart = dependencies.cart
            return .run(id: checkoutEffect) { send in
                await Self.settle(send) { try await cart.checkout(expectedVersion: version) }
            }

        case .resumeCheckout:
            guard !state.isCheckingOut else { return .none }
            let cart = dependencies.cart
            return .run(id: checkoutEffect) { send in
                guard await cart.hasPendingCheckout() else { return }
                send(.checkoutResuming)
                await Self.settle(send) { try await cart.resumeCheckout() }
            }

        case .checkoutResuming:
            state.isCheckingOut = true
            return .none

        case .checkoutOutcomeUnknown(let failure):
            state.isCheckingOut = false
            state.checkoutOutcomeUnknown = true
            let reason = failure.isOffline ? "you're offline" : failure.message
            state.message = "The portal did not answer the checkout (\(reason)). Nothing is lost: it completes when the portal is back, and will not order twice."
            // Asked again a while later too: a 5xx brings no reconnection to wait for.
            let sleep = dependencies.sleep
            return .run(id: checkoutEffect) { send in
                guard (try? await sleep(Self.resumeDelay)) != nil else { return }
                send(.resumeCheckout)
            }

        case .checkoutDismissed:
            state.confirmingVersion = nil
            return .none

        case .checkedOut(let order):
            // The cache fetches the (now empty) cart again by itself.
            state.isCheckingOut = false
            state.checkoutOutcomeUnknown = false
            state.placedOrder = order
            state.removed = nil
            state.message = nil
            return .send(.delegate(.orderPlaced(order)))

        case .checkoutFailed(let failure):
            state.isCheckingOut = false
            state.checkoutOutcomeUnknown = false
            let text = explanation(failure, cart: state.cart)
            if failure.errorCode == .cartChanged {
                // The cache fetches the cart again by itself: the rep checks it and checks out once more.
                state.message = text
                return toast(text, .warning)
            }
            state.message = "Checkout failed: \(text)"
            return toast("Checkout failed: \(text)", .danger)

        case .productsRead(let products):
            for product in products { state.packSizes[product.id] = product.packSize }
            return .none

        case .changeQueued(let snapshot):
            state.changesInFlight = max(0, state.changesInFlight - 1)
            if let snapshot { adopt(snapshot, &state) }
            return .none

        case .queueChanged(var snapshot):
            let movedAside = snapshot.movedAside
            snapshot.movedAside = nil
            state.queue = snapshot
            if state.checkoutWhenSaved, let waiting = checkoutWait(state) { state.message = waiting }
            let unreadable = movedAside.map { toast(HintText("The offline cart queue could not be read; it was kept as \($0) and a new one started."), .warning) }
            return .merge(unreadable ?? .none, replayIfDue(&state, dependencies))

        case .connectivity(let online):
            state.isOnline = online
            if state.checkoutWhenSaved, let waiting = checkoutWait(state) { state.message = waiting }
            guard online else { return .none }
            if state.queue.isEmpty, state.checkoutWhenSaved { return readFreshCart(&state, dependencies) }
            return replayIfDue(&state, dependencies)

        case .replayQueue:
            return replayIfDue(&state, dependencies)

        case .replayFinished(let outcome):
            state.isReplaying = false
            switch outcome {
            case .drained:
                return readFreshCart(&state, dependencies)
            case .conflict(let conflict):
                let text = conflictText(conflict, state.queue.conflicting)
                return toast(text, .warning)
            case .busy, .interrupted:
                // Another process replays (its result comes through the file), or the portal failed:
                // tried again a while later while changes wait.
                guard state.isOnline, !state.queue.isEmpty else { return .none }
                let sleep = dependencies.sleep
                return .run(id: replayEffect) { send in
                    guard (try? await sleep(Self.replayRetryDelay)) != nil else { return }
                    send(.replayQueue)
                }
            case .loggedOut:
                return .none
            }

        case .freshCartRead:
            state.awaitingFreshCart = false
            return openDeferredCheckout(&state)

        case .keepServerValue:
            guard let entry = state.queue.conflicting else { return toast("No conflict: there is no portal's value to keep.", .info) }
            return resolve(.keepServer, "Kept the portal's value: \(entry.summary) dropped.", dependencies)

        case .dropChange:
            guard let entry = state.queue.conflicting else { return toast("No conflict: there is no waiting change to drop.", .info) }
            return resolve(.drop, "Dropped \(entry.summary).", dependencies)

        case .applyMyQuantity:
            guard let entry = state.queue.conflicting else { return toast("No conflict: there is no change of yours to apply.", .info) }
            guard entry.operation == .setLine, var line = entry.line else {
                return resolve(.applyMine(quantity: 0), "Applying \(entry.summary).", dependencies)
            }
            line.quantity = state.queue.conflict?.available.map { min($0, entry.target) } ?? entry.target
            state.quantityPrompt = CartState.QuantityPrompt(item: line, resolvesConflict: true)
            return .none

        case .conflictResolved(let text):
            return .merge(toast(text, .success), replayIfDue(&state, dependencies))

        case .delegate:
            return .none
        }
    }

    private static func toast(_ message: HintText, _ kind: Toast.Kind) -> Effect<CartAction> { .send(.delegate(.toast(message, kind))) }

    /// Replays the waiting changes when online, none is being replayed and no conflict waits for a choice.
    private static func replayIfDue(_ state: inout CartState, _ dependencies: AppDependencies) -> Effect<CartAction> {
        guard state.isOnline, !state.isReplaying, !state.queue.isEmpty, state.queue.conflict == nil else { return .none }
        state.isReplaying = true
        let cart = dependencies.cart
        return .run(id: replayEffect) { send in send(.replayFinished(await cart.replayQueue())) }
    }

    /// Reads the portal's cart afresh (after the queue drained, or back online): checkout uses its version.
    private static func readFreshCart(_ state: inout CartState, _ dependencies: AppDependencies) -> Effect<CartAction> {
        state.awaitingFreshCart = true
        let cart = dependencies.cart
        return .run(id: freshCartEffect) { send in
            _ = try? await cart.read(whenStale: .waitForFresh)
            send(.freshCartRead)
        }
    }

    private static func resolve(_ choice: CartConflictChoice, _ done: HintText, _ dependencies: AppDependencies) -> Effect<CartAction> {
        let queue = dependencies.cart.queue
        return .run(id: replayEffect) { send in
            do {
                try await queue?.resolve(choice)
                send(.conflictResolved(done))
            } catch {
                send(.delegate(.toast("Couldn't save the choice: \(LoadFailure(error).message)", .danger)))
            }
        }
    }

    /// What checkout waits for (said instead of opening the confirmation); nil when nothing.
    static func checkoutWait(_ state: CartState) -> HintText? {
        let count = state.queue.entries.count
        let changes = "\(count) change\(count == 1 ? "" : "s") waiting"
        if state.queue.conflict != nil {
            return "Checkout waits: a waiting change conflicts with the portal — choose \(keys: keepServer), \(keys: applyMine) or \(keys: dropChange) first."
        }
        if !state.isOnline {
            return count > 0
                ? HintText("You're offline: checkout waits for the connection and for the \(changes) to reach the portal.")
                : "You're offline: checkout waits for the connection."
        }
        if count > 0 { return HintText("Checkout waits for the \(changes) to reach the portal; it opens when they have.") }
        if state.awaitingFreshCart { return "Checkout waits for the portal's latest cart." }
        return nil
    }

    /// The conflict in words, with its three keys.
    static func conflictText(_ conflict: CartQueueConflict, _ entry: CartQueueEntry?) -> HintText {
        let change = entry?.summary ?? "a waiting change"
        let why: String
        switch conflict.kind {
        case .insufficientStock: why = "only \(conflict.available.map(String.init) ?? "fewer") in stock"
        case .productGone: why = entry?.operation == .setCustomer ? "the customer is no longer there" : "the product is no longer sold"
        case .changedElsewhere:
            why = entry?.operation == .setCustomer
                ? "the portal's cart is now for \(conflict.serverCustomer?.name ?? "no customer")"
                : "the cart changed elsewhere: the portal has \(conflict.serverQuantity)"
        case .refused: why = conflict.message ?? "the portal refused it"
        }
        return "Conflict: \(change) — \(why). \(keys: keepServer) keep portal's · \(keys: applyMine) apply mine · \(keys: dropChange) drop"
    }

    static let outcomeUnknown: HintText = "The last checkout is still waiting for the portal's answer; it completes when the portal is back."
    /// How long after a lost answer the checkout is sent again (sooner when the portal is back).
    static let resumeDelay: Duration = .seconds(20)

    /// The checkout's outcome as an action: the order, a lost answer, or a refusal.
    private static func settle(_ send: Send<CartAction>, _ checkout: () async throws -> Order?) async {
        do {
            if let order = try await checkout() { send(.checkedOut(order)) }
        } catch let unknown as CheckoutOutcomeUnknown {
            send(.checkoutOutcomeUnknown(LoadFailure(unknown.cause)))
        } catch is CancellationError {
        } catch {
            send(.checkoutFailed(LoadFailure(error)))
        }
    }

    /// Opens the checkout asked for while a change was saving, once every change is settled and
    /// shown, on the cart the portal confirmed (a change that failed was rolled back, so the rep
    /// confirms what will really be ordered).
    private static func openDeferredCheckout(_ state: inout CartState) -> Effect<CartAction> {
        guard state.checkoutWhenSaved, state.isSaved, state.isOnline else { return .none }
        state.checkoutWhenSaved = false
        state.message = nil
        guard let cart = state.cart else { return .none }
        if let refusal = checkoutRefusal(cart) { return toast(refusal, .warning) }
        state.confirmingVersion = cart.version
        return .none
    }

    /// Why checkout cannot even be asked for (said at once, without a dialog); nil when it can.
    static func checkoutRefusal(_ cart: Cart) -> HintText? {
        if cart.items.isEmpty { return "The cart is empty — add products first (Products tab, \(keys: ProductsScreen.add))." }
        if cart.customer == nil { return "Choose a customer first (press \(keys: chooseCustomer))." }
        return nil
    }

    /// Takes the cache's cart unless what is shown is newer.
    private static func adopt(_ snapshot: CartSnapshot, _ state: inout CartState) {
        guard snapshot.revision >= state.revision else { return }
        state.revision = snapshot.revision
        state.load.isLoading = snapshot.isFetching
        state.load.failure = snapshot.failure
        state.pendingChanges = snapshot.pendingChanges
        if let updatedAt = snapshot.updatedAt { state.load.updatedAt = updatedAt }
        if let cart = snapshot.cart {
            state.load.hasLoaded = true
            show(cart, &state)
        }
    }

    /// Shows `cart`, keeping the selection on the same line where it can.
    private static func show(_ cart: Cart, _ state: inout CartState) {
        let selectedID = state.selectedItem?.id
        state.cart = cart
        let items = cart.items
        let index = selectedID.flatMap { id in items.firstIndex { $0.id == id } } ?? min(state.table.selected ?? 0, max(0, items.count - 1))
        state.table.select(index, rowCount: items.count, visibleRows: state.visibleRows)
    }

    /// Removes the line at once, and keeps it for `u` while the undo window is open: quitting in
    /// the window loses nothing, since the portal already has what the screen shows.
    private static func remove(_ item: CartItem, _ state: inout CartState, _ dependencies: AppDependencies) -> Effect<CartAction> {
        let cart = dependencies.cart
        let id = item.id
        let removalID = state.nextRemovalID
        state.nextRemovalID += 1
        state.removed = CartState.RemovedLine(item: item, packSize: state.packSizes[item.productId], currency: state.cart?.currency ?? "USD", id: removalID)
        let sleep = dependencies.sleep
        return .merge(
            toast("Removed \(item.name) — \(keys: undo) to undo.", .info),
            change("remove \(item.name)", removal: removalID, &state, dependencies) { try await cart.remove(itemId: id) },
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

    /// Sends a change through the cache (which shows it at once and rolls it back if it fails);
    /// the answer is toasted. A failure is explained against the cart as shown now, with the
    /// product being added, so it can name the line that failed.
    private static func change(
        _ what: String, adding product: Product? = nil, removal: Int? = nil, confirmation: String? = nil, _ state: inout CartState,
        _ dependencies: AppDependencies, _ call: @escaping @Sendable () async throws -> Cart
    ) -> Effect<CartAction> {
        state.message = nil
        state.changesInFlight += 1
        state.changeCount += 1
        var named = state.cart
        if let product { named = CartEstimate.adding(product, quantity: 0, to: named) }
        let cart = dependencies.cart
        return .run(id: changeEffect(state.changeCount)) { [named] send in
            do {
                _ = try await call()
                if await cart.queuesChanges() {
                    send(.changeQueued(await cart.state().map(CartSnapshot.init)))
                } else {
                    send(.changeSucceeded(await cart.state().map(CartSnapshot.init), confirmation: confirmation))
                }
            } catch {
                let failure = LoadFailure(error)
                let message: HintText = "Couldn't \(what): \(explanation(failure, cart: named)) Rolled back."
                send(.changeFailed(failure, await cart.state().map(CartSnapshot.init), toast: message, removal: removal))
            }
        }
    }

    private static func searchCustomers(_ query: String, _ dependencies: AppDependencies) -> Effect<CartAction> {
        let customers = dependencies.catalog.customers
        return .load(
            id: customersEffect, { try await customers(query.isEmpty ? nil : query) }, loaded: { .customersLoaded($0) },
            failed: { .customersFailed($0) })
    }

    /// A key typed in the picker's search (searched after a pause) or the quantity prompt.
    private static func typed(_ key: Key, _ state: inout CartState, _ dependencies: AppDependencies) -> Effect<CartAction> {
        if var prompt = state.quantityPrompt {
            prompt.quantity.apply(key)
            state.quantityPrompt = prompt
            return .none
        }
        guard var picker = state.picker else { return .none }
        // Enter and Esc are the picker's own keys (choose, cancel): only edits reach the field.
        let event = picker.search.reduce(key)
        state.picker = picker
        guard case .changed(let query) = event else { return .none }
        return .debounced(id: customersEffect, for: searchDelay, sleep: dependencies.sleep, .customerSearchDebounced(query))
    }

    /// Why a cart change or checkout failed, in words for the rep.
    public static func explanation(_ failure: LoadFailure, cart: Cart?) -> HintText {
        if failure.isOffline { return "you're offline — cart changes need a connection." }
        switch failure.errorCode {
        case .emptyCart: return "the cart is empty — add products first."
        case .customerRequired: return "choose a customer first (press \(keys: chooseCustomer))."
        case .cartChanged: return "the cart changed since you looked at it. Here it is again — check it and check out once more."
        case .insufficientStock where !failure.shortages.isEmpty:
            let names = failure.shortages.map { shortage in
                let name = cart?.items.first { $0.productId == shortage.productId }?.name ?? shortage.productId
                return "\(name) (\(shortage.available) available, \(shortage.requested) wanted)"
            }
            return HintText("not enough stock for " + names.joined(separator: ", ") + ".")
        default:
            let message = failure.message
            return HintText(message.hasSuffix(".") ? message : message + ".")
        }
    }
}

/// The app's names for the pane: its tab, its state (`state.cart`) and its actions (`.cart(…)`).
extension AppTab { public static let cart = AppTab("cart") }
extension AppState { public var cart: CartState { get { self[pane: CartScreen.self] } _modify { yield &self[pane: CartScreen.self] } } }
extension AppAction { public static func cart(_ action: CartAction) -> AppAction { .pane(PaneAction(CartScreen.self, action)) } }

extension CartScreen: Pane {
    static var tab: AppTab { .cart }
    static let title = "Cart"
    static var permission: Permission? { .cartWrite }
    static var refusal: String { "Your role cannot use a cart." }
    static var load: CartAction { .load }
    static var resources: [QueryResource] { [.cart, .customers] }
    static var dialogKeymaps: Keymap { checkoutKeymap + pickerKeymap + quantityKeymap + placedOrderKeymap }

    static func dialog(_ state: CartState) -> Keymap? {
        if state.placedOrder != nil { return placedOrderKeymap }
        if state.quantityPrompt != nil { return quantityKeymap }
        if state.confirmingVersion != nil { return checkoutKeymap }
        if state.picker != nil { return pickerKeymap }
        return nil
    }

    /// Typing goes to the quantity prompt or the picker's search field.
    static func capturedKey(_ key: Key, _ state: CartState) -> CartAction? {
        state.quantityPrompt != nil || state.picker != nil ? .key(key) : nil
    }
    static func fresh(for session: SavedSession) -> CartState { CartState() }
    static func needsLoad(_ state: CartState) -> Bool { !state.isObserving }
    static func loadState(_ state: CartState) -> LoadState { state.load }
    static func isBusy(_ state: CartState) -> Bool { state.load.isLoading || state.isCheckingOut }

    static func resized(_ state: inout CartState, to area: Rect) {
        // The customer, a note, the header, the totals and the checkout hint.
        state.area = area
    }

    static func delegate(_ action: CartAction) -> PaneDelegate? {
        if case .delegate(let delegate) = action { delegate } else { nil }
    }

    static func reachability(_ action: CartAction) -> Reachability? {
        switch action {
        case .changeSucceeded, .checkedOut, .replayFinished(.drained): .reached
        case .changeFailed(let failure, _, _, _), .checkoutFailed(let failure), .checkoutOutcomeUnknown(let failure): .failed(failure)
        // The cache's own connectivity says whether a fetch found the portal (AppAction.connectivityChanged).
        case .observed: nil
        case .linesAdded(_, let outcome, _): outcome.failure.map { .failed($0) } ?? .reached
        default: nil
        }
    }

    static func needsConnection(_ action: CartAction) -> Bool {
        switch action {
        case .increment, .decrement, .removeSelected, .editQuantity, .undoRemoval, .openCustomerPicker, .customerChosen, .setCustomer, .quantitySubmitted, .requestCheckout,
            .checkoutConfirmed, .add, .addLines:
            true
        default: false
        }
    }

    /// What goes on with no connection when the cart has an offline queue (`PortalCart.queue`): line
    /// changes and the customer are queued, and checkout says what it waits for.
    static func queuesOffline(_ action: CartAction) -> Bool {
        switch action {
        case .increment, .decrement, .removeSelected, .editQuantity, .undoRemoval, .openCustomerPicker, .customerChosen, .setCustomer, .quantitySubmitted, .requestCheckout,
            .add:
            true
        default: false
        }
    }

    static func click(atY y: Int, x: Int, in state: CartState, area: Rect, keys: KeyOverrides) -> CartAction? {
        guard !state.capturesKeys else { return nil }
        let table = tableArea(state, inner: area.inset(horizontal: 1), keys: keys)
        guard table.contains(x: x, y: y) else { return nil }
        return Table(columns: [], rowCount: state.items.count) { _ in [] }.rowIndex(atY: y, in: table, state: state.table).map { .navigate(.to($0)) }
    }
}
