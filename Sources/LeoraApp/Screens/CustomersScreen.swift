import Foundation
import LeoraKit
import PortalAPI
import TerminalUI

/// The customer accounts: a searchable list with health score, pace and last order date, and one
/// customer's detail with their recent orders (the rep's own: the contract lets a rep read only
/// those). From either: that customer's orders, a cart for them, and their last order reordered.
public struct CustomersState: PaneStateValue {
    public static let pageSize = 50
    /// Orders the detail asks for (as many as fit are shown).
    public static let recentOrdersLimit = 20

    /// Loaded pages of the search by number (1-based).
    public var pages: [Int: [Customer]] = [:]
    /// The loaded pages joined in order, rows already seen on an earlier page dropped (the contract's rule).
    public private(set) var customers: [Customer] = []
    /// How many customers the portal has for `query`; nil before the first page.
    public var total: Int?
    public var loadingPages: Set<Int> = []
    /// The search the list shows.
    public var query = ""
    /// The search field (`/`).
    public var search = SearchField()
    public var table = TableState()
    /// Where the pane is drawn (the main layout's content area).
    public var area = Rect(x: 0, y: 1, width: 80, height: 21)
    public var load = LoadState()
    /// Whether the user may read the metrics that give pace (`insights:read`) and orders (`orders:read`).
    public var readsInsights = true
    public var readsOrders = true
    /// Pace and health trend by customer id, from `/insights/metrics`.
    public var paces: [String: InsightsMetrics.PaceDeviation] = [:]
    public var trends: [String: Trend] = [:]
    /// The customer whose detail is open.
    public var detail: Customer?
    /// A customer asked for by id (a briefing link) whose detail opens when it arrives.
    public var openingCustomerID: String?
    /// The open customer's recent orders, newest first; nil until they arrive.
    public var recentOrders: [Order]?
    public var recentOrdersTotal: Int?
    public var recentOrdersFailure: LoadFailure?
    /// The selection among the recent orders.
    public var recentTable = TableState()
    /// Whether the metrics were asked for (the first load, or a search or link that came first).
    public var metricsRequested = false
    /// Opens the customer when the search (`:customers NAME`) finds exactly one.
    public var opensSoleMatch = false
    /// The customer whose last order is being looked up to reorder it.
    public var findingLastOrderOf: CustomerReference?
    /// Asked when a reorder finds lines in the cart.
    public var reorderQuestion: ReorderQuestion?

    public init() {}

    public var isLoading: Bool { !loadingPages.isEmpty || openingCustomerID != nil || findingLastOrderOf != nil }
    public var selectedCustomer: Customer? { table.selected.flatMap { customers.indices.contains($0) ? customers[$0] : nil } }
    /// What `o`, `c` and `r` act on: the open detail, else the selected row.
    public var targetCustomer: Customer? { detail ?? selectedCustomer }
    public var selectedRecentOrder: Order? {
        guard let orders = recentOrders, let index = recentTable.selected, orders.indices.contains(index) else { return nil }
        return orders[index]
    }
    /// Whether more customers than are loaded match the search.
    public var hasMore: Bool { (total ?? 0) > customers.count }
    /// Rows the list shows at once: from the table's place in `area`, as it is drawn.
    public var visibleRows: Int { Table.visibleRows(in: CustomersScreen.tableArea(self, inner: area.inset(horizontal: 1))) }
    /// Rows the detail's recent orders show at once.
    public var visibleRecentRows: Int { Table.visibleRows(in: CustomersScreen.detailLayout(area.inset(horizontal: 1)).orders) }

    /// Joins the loaded pages, in order, up to the first missing one.
    mutating func join() {
        var seen: Set<String> = []
        var joined: [Customer] = []
        var page = 1
        while let rows = pages[page] {
            for customer in rows where seen.insert(customer.id).inserted { joined.append(customer) }
            page += 1
        }
        customers = joined
    }
}

public enum CustomersAction: Sendable, Equatable {
    case load
    case pageLoaded(CustomersPageResult, query: String)
    case pageFailed(page: Int, LoadFailure, query: String)
    case metricsLoaded(InsightsMetrics)
    /// Moves the selection (keys, a click): the list's, or the recent orders' in the detail.
    case navigate(TableMove)
    /// Enter: the selected customer's detail, or in the detail the selected order (in Orders).
    case openSelected
    /// Opens one customer's detail by id (a briefing link; the name when the link had one).
    case openCustomer(id: String, name: String?)
    case customerArrived(Customer)
    case customerFailed(LoadFailure)
    case recentOrdersLoaded(OrdersPageResult, customerID: String)
    case recentOrdersFailed(LoadFailure, customerID: String)
    case closeDetail
    case startSearch
    /// A key typed in the search field.
    case key(Key)
    case searchDebounced(String)
    /// Shows the search for `text`, opening the customer when it is the only one (`:customers NAME`).
    case showSearch(String)
    /// `o`: the Orders pane, narrowed to the customer.
    case showOrders
    /// `c`: the cart is for this customer from now on.
    case startCart
    /// `r`: adds the customer's last order (in the detail: the order selected) to the cart.
    case reorderLast
    case lastOrderFound(Order?, customer: CustomerReference)
    case lastOrderFailed(LoadFailure, customer: CustomerReference)
    case reorderQuestion(ReorderQuestionAction)
    case delegate(PaneDelegate)
}

public enum CustomersScreen {
    static let lifetime = EffectID("customers")
    static func pageEffect(_ page: Int) -> EffectID { lifetime.appending("page", "\(page)") }
    static let pagesEffect = lifetime.appending("page")
    static let searchEffect = lifetime.appending("search")
    static let metricsEffect = lifetime.appending("metrics")
    static let customerEffect = lifetime.appending("customer")
    static let recentOrdersEffect = lifetime.appending("recent")
    static let lastOrderEffect = lifetime.appending("lastOrder")
    static let searchDelay: Duration = .milliseconds(300)

    static let search = KeyBinding(
        [.character("/")], label: "search", help: "Search by name", action: .customers(.startSearch), section: "Customers",
        permission: .customersRead)
    static let orders = KeyBinding(
        [.character("o")], label: "orders", help: "This customer's orders (in Orders)", action: .customers(.showOrders), section: "Customers",
        permission: .customersRead, additionalPermissions: [.ordersRead])
    static let startCart = KeyBinding(
        [.character("c")], label: "cart", help: "Start the cart for this customer (sets the cart's customer)", action: .customers(.startCart),
        section: "Customers", permission: .customersRead, additionalPermissions: [.cartWrite])
    static let reorder = KeyBinding(
        [.character("r")], label: "reorder", help: "Add their last order's lines to the cart (in the detail: the order selected)",
        action: .customers(.reorderLast), section: "Customers", permission: .customersRead, additionalPermissions: [.cartWrite, .ordersRead])
    static let back = KeyBinding(
        [.escape], label: "back", help: "Back to the list", action: .customers(.closeDetail), section: "Customers", permission: .customersRead, inFooter: false)

    public static let keymap = Keymap(
        Keymap.tableNavigation(section: "Customers", row: "customer (in the detail: order)", permission: .customersRead) { .customers(.navigate($0)) } + [
            KeyBinding(
                [.enter], label: "open", help: "Open the customer with their recent orders (in the detail: the order selected)",
                action: .customers(.openSelected), section: "Customers", permission: .customersRead),
            back, search, orders, startCart, reorder,
        ])

    /// The keys of the question a reorder asks when the cart already has lines (the orders pane's, for this pane).
    public static let reorderKeymap = ReorderQuestion.keymap { .customers(.reorderQuestion($0)) }

    public static func reduce(into state: inout CustomersState, _ action: CustomersAction, _ dependencies: AppDependencies) -> Effect<CustomersAction> {
        switch action {
        case .load:
            state.pages = [:]
            state.loadingPages = []
            // The open customer's orders are fetched again too (`R`, the portal back online).
            let recent = state.detail.map { recentOrders(of: $0, state, dependencies) } ?? .none
            return .merge(loadMetrics(&state, dependencies), load(page: 1, &state, dependencies), recent)

        case .pageLoaded(let result, let query):
            // A page for a search the rep has since changed is of no use.
            guard query == state.query else { return .none }
            let selectedID = state.selectedCustomer?.id
            state.loadingPages.remove(result.page)
            state.pages[result.page] = result.customers
            state.total = result.total
            state.join()
            state.load.succeeded(at: dependencies.now())
            state.load.isLoading = !state.loadingPages.isEmpty
            let index = selectedID.flatMap { id in state.customers.firstIndex { $0.id == id } } ?? min(state.table.selected ?? 0, max(0, state.customers.count - 1))
            state.table.select(index, rowCount: state.customers.count, visibleRows: state.visibleRows)
            if state.opensSoleMatch, result.page == 1 {
                state.opensSoleMatch = false
                if result.total == 1, let only = state.customers.first { return open(only, &state, dependencies) }
            }
            return .none

        case .pageFailed(let page, let failure, let query):
            guard query == state.query else { return .none }
            state.loadingPages.remove(page)
            state.load.failed(failure)
            state.load.isLoading = !state.loadingPages.isEmpty
            state.opensSoleMatch = false
            return .none

        case .metricsLoaded(let metrics):
            state.paces = Dictionary(metrics.paceDeviations.map { ($0.customerId, $0) }, uniquingKeysWith: { first, _ in first })
            state.trends = Dictionary(metrics.healthScores.map { ($0.customerId, $0.trend) }, uniquingKeysWith: { first, _ in first })
            return .none

        case .navigate(let move):
            if state.detail != nil {
                state.recentTable.apply(move, rowCount: state.recentOrders?.count ?? 0, visibleRows: state.visibleRecentRows)
                return .none
            }
            state.table.apply(move, rowCount: state.customers.count, visibleRows: state.visibleRows)
            return loadMoreIfNeeded(&state, dependencies)

        case .openSelected:
            if state.detail != nil {
                guard let order = state.selectedRecentOrder else { return .none }
                return .send(.delegate(.open(.order(id: order.id))))
            }
            guard let customer = state.selectedCustomer else { return .none }
            return open(customer, &state, dependencies)

        case .openCustomer(let id, _):
            if let known = state.customers.first(where: { $0.id == id }) {
                state.openingCustomerID = nil
                return open(known, &state, dependencies)
            }
            state.openingCustomerID = id
            let customer = dependencies.customers.customer
            return .merge(
                .observe(id: customerEffect, { customer(id) }, loaded: { .customerArrived($0) }, failed: { .customerFailed($0) }),
                state.metricsRequested ? .none : loadMetrics(&state, dependencies))

        case .customerArrived(let customer):
            if state.detail?.id == customer.id { state.detail = customer }
            guard state.openingCustomerID == customer.id else { return .none }
            state.openingCustomerID = nil
            return open(customer, &state, dependencies)

        case .customerFailed(let failure):
            guard state.openingCustomerID != nil else { return .none }
            state.openingCustomerID = nil
            return toast("Couldn't open the customer: \(failure.message)", .danger)

        case .recentOrdersLoaded(let result, let customerID):
            guard state.detail?.id == customerID else { return .none }
            let selectedID = state.selectedRecentOrder?.id
            state.recentOrders = result.orders
            state.recentOrdersTotal = result.total
            state.recentOrdersFailure = nil
            let index = selectedID.flatMap { id in result.orders.firstIndex { $0.id == id } } ?? 0
            state.recentTable.select(index, rowCount: result.orders.count, visibleRows: state.visibleRecentRows)
            return .none

        case .recentOrdersFailed(let failure, let customerID):
            guard state.detail?.id == customerID else { return .none }
            state.recentOrdersFailure = failure
            return .none

        case .closeDetail:
            state.detail = nil
            state.openingCustomerID = nil
            return .merge(.cancel(recentOrdersEffect), .cancel(customerEffect))

        case .startSearch:
            // From a detail too: the search field is on the list, and the keys go to it, so it must show.
            state.detail = nil
            state.openingCustomerID = nil
            state.search.open(with: state.query)
            return .merge(.cancel(recentOrdersEffect), .cancel(customerEffect))

        case .key(let key):
            guard state.search.isActive else { return .none }
            switch state.search.reduce(key) {
            case .committed(let query):
                return query == state.query && state.total != nil ? .cancel(searchEffect) : show(query, &state, dependencies)
            case .cancelled:
                return state.query == state.search.query ? .cancel(searchEffect) : show(state.search.query, &state, dependencies)
            case .changed(let query):
                return .debounced(id: searchEffect, for: searchDelay, sleep: dependencies.sleep, .searchDebounced(query))
            case .ignored:
                return .none
            }

        case .searchDebounced(let query):
            guard query != state.query else { return .none }
            let searching = state.search
            let effect = show(query, &state, dependencies)
            // Still typing: the field stays open.
            state.search = searching
            return effect

        case .showSearch(let text):
            let query = text.trimmingCharacters(in: .whitespaces)
            state.search = SearchField(text: query)
            let effect = show(query, &state, dependencies)
            state.opensSoleMatch = !query.isEmpty
            return .merge(effect, state.metricsRequested ? .none : loadMetrics(&state, dependencies))

        case .showOrders:
            guard let customer = state.targetCustomer else { return .none }
            return .send(.delegate(.open(.customerOrders(customerId: customer.id, name: customer.name))))

        case .startCart:
            guard let customer = state.targetCustomer else { return .none }
            return .send(.delegate(.startCart(CustomerReference(id: customer.id, name: customer.name))))

        case .reorderLast:
            guard let customer = state.targetCustomer else { return .none }
            let reference = CustomerReference(id: customer.id, name: customer.name)
            if state.detail != nil, let orders = state.recentOrders {
                guard let order = state.selectedRecentOrder ?? orders.first else { return noOrders(reference) }
                return .send(.delegate(.reorder(order, mode: nil)))
            }
            guard state.findingLastOrderOf == nil else { return toast("Still looking up the last order; one moment.", .info) }
            state.findingLastOrderOf = reference
            let page = dependencies.orders.page
            return .run(id: lastOrderEffect) { send in
                // The freshest answer: a cached page may predate the last order.
                var latest: OrdersPageResult?
                do {
                    for try await answer in page(OrdersFilter(customer: reference), 1, 1) { latest = answer.value }
                } catch is CancellationError {
                    return
                } catch {
                    guard latest == nil else { return send(.lastOrderFound(latest?.orders.first, customer: reference)) }
                    if !Task.isCancelled { send(.lastOrderFailed(LoadFailure(error), customer: reference)) }
                    return
                }
                guard !Task.isCancelled else { return }
                send(.lastOrderFound(latest?.orders.first, customer: reference))
            }

        case .lastOrderFound(let order, let customer):
            guard state.findingLastOrderOf == customer else { return .none }
            state.findingLastOrderOf = nil
            guard let order else { return noOrders(customer) }
            return .send(.delegate(.reorder(order, mode: nil)))

        case .lastOrderFailed(let failure, let customer):
            guard state.findingLastOrderOf == customer else { return .none }
            state.findingLastOrderOf = nil
            return toast("Couldn't find \(customer.name)'s last order: \(failure.message)", .danger)

        case .reorderQuestion(let question):
            return ReorderQuestion.reduce(&state.reorderQuestion, question).map { .send(.delegate($0)) } ?? .none

        case .delegate:
            return .none
        }
    }

    private static func toast(_ message: HintText, _ kind: Toast.Kind) -> Effect<CustomersAction> { .send(.delegate(.toast(message, kind))) }

    private static func noOrders(_ customer: CustomerReference) -> Effect<CustomersAction> {
        toast("\(customer.name) has no orders of yours to reorder.", .info)
    }

    /// Opens `customer`'s detail and asks for their recent orders.
    private static func open(_ customer: Customer, _ state: inout CustomersState, _ dependencies: AppDependencies) -> Effect<CustomersAction> {
        state.detail = customer
        state.recentOrders = nil
        state.recentOrdersTotal = nil
        state.recentOrdersFailure = nil
        state.recentTable = TableState()
        return recentOrders(of: customer, state, dependencies)
    }

    /// Asks for `customer`'s recent orders (the rep's own), when the role may read orders.
    private static func recentOrders(of customer: Customer, _ state: CustomersState, _ dependencies: AppDependencies) -> Effect<CustomersAction> {
        guard state.readsOrders else { return .cancel(recentOrdersEffect) }
        let page = dependencies.orders.page
        let reference = CustomerReference(id: customer.id, name: customer.name)
        let id = customer.id
        return .observe(
            id: recentOrdersEffect, { page(OrdersFilter(customer: reference), 1, CustomersState.recentOrdersLimit) },
            loaded: { .recentOrdersLoaded($0, customerID: id) }, failed: { .recentOrdersFailed($0, customerID: id) })
    }

    /// Shows the list for `query` from its first page.
    private static func show(_ query: String, _ state: inout CustomersState, _ dependencies: AppDependencies) -> Effect<CustomersAction> {
        state.query = query
        state.detail = nil
        state.search.isActive = false
        state.opensSoleMatch = false
        state.total = nil
        state.pages = [:]
        state.join()
        state.loadingPages = []
        state.table = TableState()
        state.load.failure = nil
        return .merge(.cancel(pagesEffect), .cancel(searchEffect), .cancel(recentOrdersEffect), load(page: 1, &state, dependencies))
    }

    /// The next page, when the selection is within a screen of the last row loaded and more match.
    private static func loadMoreIfNeeded(_ state: inout CustomersState, _ dependencies: AppDependencies) -> Effect<CustomersAction> {
        guard state.hasMore, state.loadingPages.isEmpty, let selected = state.table.selected,
            selected + state.visibleRows >= state.customers.count
        else { return .none }
        let next = (state.pages.keys.max() ?? 0) + 1
        return load(page: next, &state, dependencies)
    }

    private static func load(page: Int, _ state: inout CustomersState, _ dependencies: AppDependencies) -> Effect<CustomersAction> {
        state.loadingPages.insert(page)
        state.load.started()
        let customers = dependencies.customers.page
        let query = state.query
        return .observe(
            id: pageEffect(page), { customers(query.isEmpty ? nil : query, page, CustomersState.pageSize) }, loaded: { .pageLoaded($0, query: query) },
            failed: { .pageFailed(page: page, $0, query: query) })
    }

    /// The metrics that say each customer's pace (shared with the briefing's, so usually cached).
    private static func loadMetrics(_ state: inout CustomersState, _ dependencies: AppDependencies) -> Effect<CustomersAction> {
        guard state.readsInsights else { return .none }
        state.metricsRequested = true
        let metrics = dependencies.insights.metrics
        // Without them the list still shows; the pace column says "—".
        return .run(id: metricsEffect) { send in
            do {
                for try await answer in metrics() { send(.metricsLoaded(answer.value)) }
            } catch {}
        }
    }
}

/// The app's names for the pane: its tab, its state (`state.customers`) and its actions (`.customers(…)`).
extension AppTab { public static let customers = AppTab("customers") }
extension AppState { public var customers: CustomersState { get { self[pane: CustomersScreen.self] } _modify { yield &self[pane: CustomersScreen.self] } } }
extension AppAction { public static func customers(_ action: CustomersAction) -> AppAction { .pane(PaneAction(CustomersScreen.self, action)) } }

extension CustomersScreen: Pane {
    static var backAction: Action? { .closeDetail }
    static func footer(_ state: CustomersState) -> Keymap {
        guard state.detail != nil else { return keymap }
        return keymap.footer(for: [.customers(.closeDetail), .customers(.openSelected), .customers(.showOrders), .customers(.startCart), .customers(.reorderLast)])
    }
    static func position(_ state: CustomersState) -> ListPosition? {
        state.detail == nil ? ListPosition(selected: state.table.selected, count: state.total ?? state.customers.count) : nil
    }
    static var tab: AppTab { .customers }
    static let title = "Customers"
    static var permission: Permission? { .customersRead }
    static var refusal: String { "Your role cannot see customers." }
    static var load: CustomersAction { .load }
    static var resources: [QueryResource] { [.customers, .metrics, .orders] }
    static var dialogKeymaps: Keymap { reorderKeymap }

    static func dialog(_ state: CustomersState) -> Keymap? { state.reorderQuestion != nil ? reorderKeymap : nil }
    static func capturedKey(_ key: Key, _ state: CustomersState) -> CustomersAction? { state.search.isActive ? .key(key) : nil }

    static func fresh(for session: SavedSession) -> CustomersState {
        var state = CustomersState()
        let permissions = Set(session.permissions.compactMap(Permission.init))
        state.readsInsights = permissions.contains(.insightsRead)
        state.readsOrders = permissions.contains(.ordersRead)
        return state
    }

    static func loadState(_ state: CustomersState) -> LoadState { state.load }
    static func needsLoad(_ state: CustomersState) -> Bool { state.total == nil && state.loadingPages.isEmpty }
    static func isBusy(_ state: CustomersState) -> Bool { state.isLoading }
    static func resized(_ state: inout CustomersState, to area: Rect) { state.area = area }

    static func delegate(_ action: CustomersAction) -> PaneDelegate? {
        if case .delegate(let delegate) = action { delegate } else { nil }
    }

    static func reachability(_ action: CustomersAction) -> Reachability? {
        switch action {
        case .pageLoaded, .customerArrived, .recentOrdersLoaded, .lastOrderFound: .reached
        case .pageFailed(_, let failure, _), .customerFailed(let failure), .recentOrdersFailed(let failure, _), .lastOrderFailed(let failure, _):
            .failed(failure)
        default: nil
        }
    }

    static func needsConnection(_ action: CustomersAction) -> Bool {
        switch action {
        case .startCart, .reorderLast, .reorderQuestion(.chosen): true
        default: false
        }
    }

    static func click(atY y: Int, x: Int, in state: CustomersState, area: Rect, keys: KeyOverrides) -> CustomersAction? {
        guard state.detail == nil, !state.search.isActive, state.reorderQuestion == nil else { return nil }
        let table = tableArea(state, inner: area.inset(horizontal: 1))
        guard table.contains(x: x, y: y) else { return nil }
        return Table(columns: [], rowCount: state.customers.count) { _ in [] }.rowIndex(atY: y, in: table, state: state.table).map { .navigate(.to($0)) }
    }
}
