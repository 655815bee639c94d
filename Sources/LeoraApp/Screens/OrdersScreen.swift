import Foundation
import LeoraKit
import PortalAPI
import TerminalUI

/// The orders list (a virtual table whose pages are fetched as the selection reaches them), its
/// filters and search, one order's detail with its lines and totals, and cancel and reorder.
public struct OrdersState: PaneStateValue {
    public static let pageSize = 50

    /// Pages kept around the selection: however far the rep walks, the list holds at most this many
    /// (400 orders, more than any terminal shows); a page dropped is fetched again when it is back on screen.
    public static let keptPages = 8

    /// The loaded pages nearest the selection, by number (1-based), each up to `pageSize` orders, for `filter`.
    public var window = PageWindow<[Order]>(capacity: OrdersState.keptPages)
    /// The pages `window` holds (setting replaces them all: tests, a new filter).
    public var pages: [Int: [Order]] {
        get { window.pages }
        set {
            window.removeAll()
            for (number, orders) in newValue { window.insert(orders, at: number) }
        }
    }
    /// Pages being fetched.
    public var loadingPages: Set<Int> = []
    /// How many orders the server has for `filter`; nil before the first page.
    public var total: Int?
    public var filter = OrdersFilter()
    /// The search field (`/`).
    public var search = SearchField()
    public var table = TableState()
    /// Where the pane is drawn (the main layout's content area).
    public var area = Rect(x: 0, y: 1, width: 80, height: 21)
    /// The list's load: loading while any page is (`loadingPages`).
    public var load = LoadState()
    /// A page whose fetch failed and waits to try again: said instead of "Loading…" or the old failure.
    @OutOfLine public var retrying: RetryNotice? = nil
    /// The order whose detail is open.
    @OutOfLine public var detail: Order? = nil
    /// An order asked for by id (a drill-down link) whose detail opens when it arrives.
    public var openingOrderID: String?
    /// The order the cancel confirmation is asking about.
    @OutOfLine public var confirmingCancel: Order? = nil
    /// The order being cancelled.
    public var cancellingID: String?
    /// Asked when a reorder finds lines in the cart.
    @OutOfLine public var reorderQuestion: ReorderQuestion? = nil

    public init() {}

    public var isLoading: Bool { !loadingPages.isEmpty || openingOrderID != nil || cancellingID != nil }
    public var rowCount: Int { total ?? 0 }
    /// Whether keys go to the search field or a dialog rather than the keymap.
    public var capturesKeys: Bool { search.isActive || confirmingCancel != nil || reorderQuestion != nil }

    public func order(at index: Int) -> Order? {
        guard index >= 0 else { return nil }
        let page = index / Self.pageSize + 1
        guard let orders = pages[page] else { return nil }
        let offset = index % Self.pageSize
        return offset < orders.count ? orders[offset] : nil
    }

    /// The name the table's row cache knows row `index` by: its page's serial and its place in the page,
    /// so a row drawn before costs two integers, not its order copied or its date and money formatted
    /// again. A row not loaded is named by serial 0 (no page has it): all of them draw as "…".
    func rowName(at index: Int) -> Table.RowName {
        let page = index / Self.pageSize + 1
        let offset = index % Self.pageSize
        guard index >= 0, let count = window[page]?.count, offset < count, let serial = window.serial(of: page) else {
            return Table.RowName(source: 0, offset: 0)
        }
        return Table.RowName(source: serial, offset: offset)
    }

    /// The loaded orders among rows `range`, page by page, without copying them.
    func loadedOrders(in range: Range<Int>) -> [ArraySlice<Order>] {
        guard !range.isEmpty else { return [] }
        return (range.lowerBound / Self.pageSize...(range.upperBound - 1) / Self.pageSize).compactMap { index in
            guard let orders = window[index + 1] else { return nil }
            let start = index * Self.pageSize
            let rows = max(range.lowerBound - start, 0)..<min(range.upperBound - start, orders.count)
            return rows.isEmpty ? nil : orders[rows]
        }
    }

    /// Rows the list shows at once: from the table's place in `area`, as it is drawn.
    public var visibleRows: Int { Table.visibleRows(in: OrdersScreen.tableArea(self, inner: area.inset(horizontal: 1))) }

    public var selectedOrder: Order? { table.selected.flatMap(order(at:)) }
    /// What `c`, `r` and `y` act on: the open detail, else the selected row.
    public var targetOrder: Order? { detail ?? selectedOrder }

    /// Replaces every copy of `order` (list rows and detail) with the newer one.
    mutating func update(_ order: Order) {
        for (page, orders) in window.pages {
            if let index = orders.firstIndex(where: { $0.id == order.id }) { window.update(page) { $0[index] = order } }
        }
        if detail?.id == order.id { detail = order }
    }
}

/// Payloads of more than a few words are indirect, so that an action, and an effect carrying one, copies
/// as a few words: a key copies them several times on its way to the pane.
public enum OrdersAction: Sendable, Equatable {
    case load
    /// Reads the pages shown again, keeping them on screen meanwhile: the cache fetches what is
    /// stale (a tab switch, the minute's refresh, reconnecting, a mutation's invalidation).
    case revalidate
    /// A page for `filter`, and when the portal gave it (nil: just now).
    indirect case pageLoaded(OrdersPageResult, filter: OrdersFilter, updatedAt: Date? = nil)
    indirect case pageFailed(page: Int, LoadFailure)
    /// Moves the selection (keys, a click); pages the rows on screen need are fetched.
    case navigate(TableMove)
    /// A page's fetch waits to try again (nil: it no longer does).
    indirect case retrying(RetryNotice?, filter: OrdersFilter)
    case openSelected
    indirect case detailLoaded(Order)
    indirect case detailFailed(LoadFailure)
    case closeDetail
    /// Shows the list narrowed to `filter` (a drill-down link, `:orders pending`).
    indirect case applyFilter(OrdersFilter)
    case cycleStatus
    /// Narrows to the target order's customer, or widens again when already narrowed.
    case toggleCustomerFilter
    case clearFilter
    case startSearch
    /// A key typed in the search field.
    case key(Key)
    /// Opens one order's detail by id (a drill-down link).
    case openOrder(id: String)
    case requestCancel
    indirect case cancelled(Order)
    indirect case cancelFailed(LoadFailure)
    case reorder
    indirect case reorderQuestion(ReorderQuestionAction)
    /// `y` in the cancel confirmation: cancel the order.
    case cancelConfirmed
    case cancelDismissed
    /// `y`: copies the target order's number to the clipboard (OSC 52).
    case copyNumber
    indirect case delegate(PaneDelegate)
}

public enum OrdersScreen {
    static let lifetime = EffectID("orders")
    static func pageEffect(_ page: Int) -> EffectID { lifetime.appending("page", "\(page)") }
    static let detailEffect = lifetime.appending("detail")
    static let cancelEffect = lifetime.appending("cancel")
    /// Reads the list again while the pane is shown (the cache fetches it once it is stale).
    static let refreshTickerEffect = shownLifetime.appending("ticker")
    /// About once a minute: the orders' stale time.
    static let refreshInterval: Duration = .seconds(60)

    public static let keymap = Keymap(
        Keymap.tableNavigation(section: "Orders", row: "order", permission: .ordersRead, last: "Last order (fetches the last page)") { .orders(.navigate($0)) } + [
        KeyBinding([.enter], label: "open", help: "Open the order's detail", action: .orders(.openSelected), section: "Orders", permission: .ordersRead),
        KeyBinding([.escape], label: "back", help: "Back to the list", action: .orders(.closeDetail), section: "Orders", permission: .ordersRead, inFooter: false),
        KeyBinding([.character("/")], label: "search", help: "Search by order number or customer", action: .orders(.startSearch), section: "Orders", permission: .ordersRead),
        KeyBinding([.character("s")], label: "status", help: "Next status filter (all, pending … cancelled)", action: .orders(.cycleStatus), section: "Orders", permission: .ordersRead),
        KeyBinding([.character("f")], label: "customer", help: "Only this customer's orders (again: all customers)", action: .orders(.toggleCustomerFilter), section: "Orders", permission: .ordersRead),
        clear,
        KeyBinding([.character("c")], label: "cancel", help: "Cancel a pending order (asks first)", action: .orders(.requestCancel), section: "Orders", permission: .ordersWrite),
        KeyBinding([.character("r")], label: "reorder", help: "Add the order's lines to the cart", action: .orders(.reorder), section: "Orders", permission: .cartWrite),
        KeyBinding([.character("y")], label: "copy", help: "Copy the order number (OSC 52)", action: .orders(.copyNumber), section: "Orders", permission: .ordersRead, inFooter: false),
    ])

    static let clear = KeyBinding(
        [.character("x")], label: "clear", help: "Clear the filters and search", action: .orders(.clearFilter), section: "Orders", permission: .ordersRead, inFooter: false)

    /// The keys of the cancel confirmation.
    public static let cancelKeymap = Keymap([
        KeyBinding(
            [.character("y"), .enter], label: "cancel the order", help: "Cancel the order (in the confirmation)", action: .orders(.cancelConfirmed),
            section: "Cancel order", permission: .ordersWrite),
        KeyBinding([.escape, .character("n")], label: "keep it", help: "Keep the order", action: .orders(.cancelDismissed), section: "Cancel order"),
    ])

    /// The keys of the question a reorder asks when the cart already has lines.
    public static let reorderKeymap = ReorderQuestion.keymap { .orders(.reorderQuestion($0)) }

    public static func reduce(into state: inout OrdersState, _ action: OrdersAction, _ dependencies: AppDependencies) -> Effect<OrdersAction> {
        switch action {
        case .load:
            state.window = PageWindow(capacity: OrdersState.keptPages)
            state.loadingPages = []
            return load(page: 1, &state, dependencies)
        case .revalidate:
            let pages = state.pages.isEmpty ? [1] : state.pages.keys.sorted()
            var effects = pages.filter { !state.loadingPages.contains($0) }.map { load(page: $0, &state, dependencies) }
            if let detail = state.detail, state.openingOrderID == nil { effects.append(fetchDetail(detail.id, dependencies)) }
            return .merge(effects)
        case .pageLoaded(let result, let filter, let updatedAt):
            // A page for a filter the rep has since changed is of no use.
            guard filter.matches(state.filter) else { return .none }
            state.loadingPages.remove(result.page)
            // A customer link carries only the id: the orders name the customer.
            if let customer = state.filter.customer, customer.name.isEmpty, let named = result.orders.first(where: { $0.customer.id == customer.id }) {
                state.filter.customer = named.customer
            }
            state.total = result.total
            state.load.succeeded(at: updatedAt ?? dependencies.now())
            state.load.isLoading = !state.loadingPages.isEmpty
            if state.table.selected == nil, !result.orders.isEmpty { state.table.selected = 0 }
            if let selected = state.table.selected, selected >= result.total {
                state.table.select(max(0, result.total - 1), rowCount: result.total, visibleRows: state.visibleRows)
            }
            // A page the selection has since left far behind is dropped again at once (fetched anew when back on screen).
            state.window.move(to: (state.table.selected ?? 0) / OrdersState.pageSize + 1)
            state.window.insert(result.orders, at: result.page)
            return .none
        case .pageFailed(let page, let failure):
            state.loadingPages.remove(page)
            state.load.failed(failure)
            state.load.isLoading = !state.loadingPages.isEmpty
            return .none
        case .retrying(let notice, let filter):
            if filter.matches(state.filter) { state.retrying = notice }
            return .none
        case .navigate(let move):
            state.table.apply(move, rowCount: state.rowCount, visibleRows: state.visibleRows)
            state.window.move(to: (state.table.selected ?? 0) / OrdersState.pageSize + 1)
            return ensureVisiblePages(&state, dependencies)
        case .openSelected:
            guard let order = state.selectedOrder else { return .none }
            state.detail = order
            return fetchDetail(order.id, dependencies)
        case .openOrder(let id):
            state.openingOrderID = id
            return fetchDetail(id, dependencies)
        case .detailLoaded(let order):
            if state.openingOrderID == order.id {
                state.openingOrderID = nil
                state.detail = order
            }
            state.update(order)
            return .none
        case .detailFailed(let failure):
            guard state.openingOrderID != nil else { return .none }
            state.openingOrderID = nil
            return toast("Couldn't open the order: \(failure.message)", .danger)
        case .closeDetail:
            state.detail = nil
            state.openingOrderID = nil
            return .cancel(detailEffect)

        case .applyFilter(let filter):
            return show(filter, &state, dependencies)
        case .cycleStatus:
            var filter = state.filter
            filter.status = filter.nextStatus
            return show(filter, &state, dependencies)
        case .toggleCustomerFilter:
            var filter = state.filter
            if filter.customer != nil {
                filter.customer = nil
            } else if let order = state.targetOrder {
                filter.customer = order.customer
            } else {
                return .none
            }
            return show(filter, &state, dependencies)
        case .clearFilter:
            guard !state.filter.isEmpty else { return .none }
            return show(OrdersFilter(), &state, dependencies)
        case .startSearch:
            // From a detail too: the search field is on the list, and the keys go to it, so it must show.
            state.detail = nil
            state.openingOrderID = nil
            state.search.open(with: state.filter.query ?? "")
            return .cancel(detailEffect)

        case .cancelConfirmed:
            guard let order = state.confirmingCancel else { return .none }
            state.confirmingCancel = nil
            state.cancellingID = order.id
            let cancel = dependencies.orders.cancel
            let id = order.id
            return .load(id: cancelEffect, { try await cancel(id) }, loaded: { .cancelled($0) }, failed: { .cancelFailed($0) })
        case .cancelDismissed:
            state.confirmingCancel = nil
            return .none

        case .key(let key):
            guard state.search.isActive else { return .none }
            guard case .committed(let text) = state.search.reduce(key) else { return .none }
            var filter = state.filter
            filter.query = text.isEmpty ? nil : text
            return filter == state.filter ? .none : show(filter, &state, dependencies)

        case .requestCancel:
            guard let order = state.targetOrder else { return .none }
            // One cancellation at a time, said rather than a key that does nothing.
            guard state.cancellingID == nil else { return toast("Still cancelling the last order; one moment.", .info) }
            guard order.knownStatus == .pending else {
                return toast("Only pending orders can be cancelled; \(order.orderNumber) is \(order.status).", .warning)
            }
            state.confirmingCancel = order
            return .none
        case .cancelled(let order):
            state.cancellingID = nil
            state.update(order)
            return toast("Order \(order.orderNumber) cancelled.", .success)
        case .cancelFailed(let failure):
            state.cancellingID = nil
            let reason = failure.errorCode == .orderNotCancellable ? "it is no longer pending." : failure.message
            // The portal knows the order's real status now: show it.
            return .merge(toast("Couldn't cancel the order: \(reason)", .danger), state.detail.map { fetchDetail($0.id, dependencies) } ?? .none)

        case .reorder:
            guard let order = state.targetOrder else { return .none }
            return .send(.delegate(.reorder(order, mode: nil)))
        case .reorderQuestion(let question):
            return ReorderQuestion.reduce(&state.reorderQuestion, question).map { .send(.delegate($0)) } ?? .none
        case .copyNumber:
            guard let order = state.targetOrder else { return .none }
            return .merge(.send(.delegate(.copy(order.orderNumber))), toast("Copied \(order.orderNumber) to the clipboard.", .info))
        case .delegate:
            return .none
        }
    }

    private static func toast(_ message: HintText, _ kind: Toast.Kind) -> Effect<OrdersAction> { .send(.delegate(.toast(message, kind))) }

    /// Shows the list for `filter` from its first page.
    private static func show(_ filter: OrdersFilter, _ state: inout OrdersState, _ dependencies: AppDependencies) -> Effect<OrdersAction> {
        state.filter = filter
        state.detail = nil
        state.search.isActive = false
        state.total = nil
        state.table = TableState()
        state.load.failure = nil
        state.retrying = nil
        return .merge(.cancel(detailEffect), reduce(into: &state, .load, dependencies))
    }


    private static func fetchDetail(_ id: String, _ dependencies: AppDependencies) -> Effect<OrdersAction> {
        let fetch = dependencies.orders.order
        return .observe(id: detailEffect, { fetch(id) }, loaded: { .detailLoaded($0) }, failed: { .detailFailed($0) })
    }

    /// Fetches the pages holding the rows on screen that are not loaded yet.
    private static func ensureVisiblePages(_ state: inout OrdersState, _ dependencies: AppDependencies) -> Effect<OrdersAction> {
        let range = state.table.visibleRange(visibleRows: state.visibleRows, rowCount: state.rowCount)
        guard !range.isEmpty else { return .none }
        let first = range.lowerBound / OrdersState.pageSize + 1
        let last = (range.upperBound - 1) / OrdersState.pageSize + 1
        let effects = (first...last).filter { state.pages[$0] == nil && !state.loadingPages.contains($0) }.map { load(page: $0, &state, dependencies) }
        return effects.isEmpty ? .none : .merge(effects)
    }

    private static func load(page: Int, _ state: inout OrdersState, _ dependencies: AppDependencies) -> Effect<OrdersAction> {
        state.loadingPages.insert(page)
        state.load.started()
        let (orders, retries) = (dependencies.orders.page, dependencies.orders.pageRetries)
        let filter = state.filter
        return .observe(
            id: pageEffect(page), { orders(filter, page, OrdersState.pageSize) }, retries: { retries(filter, page, OrdersState.pageSize) },
            retrying: { .retrying($0, filter: filter) }, loaded: { .pageLoaded($0.value, filter: filter, updatedAt: $0.updatedAt) }, failed: { .pageFailed(page: page, $0) })
    }

    static func statusRole(_ status: String) -> ColorRole {
        switch OrderStatus(rawValue: status) {
        case .pending: .warning
        case .confirmed, .shipped: .info
        case .delivered: .success
        case .cancelled: .muted
        case nil: .text
        }
    }

    public static func render(_ state: OrdersState, context: RenderContext, into buffer: inout Buffer, area: Rect) {
        let inner = area.inset(horizontal: 1)
        guard !inner.isEmpty else { return }
        defer {
            if let order = state.confirmingCancel {
                Modal(
                    title: "Cancel order?",
                    body: "Cancel \(order.orderNumber) for \(order.customer.name), \(Money.format(order.totalCents, currency: order.currency))? Its stock goes back on hand.",
                    footer: cancelKeymap.applying(context.keyOverrides).hint, width: 56
                ).render(into: &buffer, area: area)
            }
            state.reorderQuestion?.render(keys: reorderKeymap, context: context, into: &buffer, area: area)
        }
        if let order = state.detail {
            renderDetail(order, context: context, into: &buffer, area: inner)
            return
        }
        let tableArea = tableArea(state, inner: inner)
        var y = inner.y
        if state.search.isActive {
            defer { y += 1 }
            let x = buffer.set(x: inner.x, y: y, string: "Search: ", style: Style(.accent))
            TextInput(placeholder: "order number or customer", focused: true)
                .render(into: &buffer, area: Rect(x: x, y: y, width: max(0, inner.right - x), height: 1), state: state.search.input)
        } else if let summary = state.filter.summary {
            defer { y += 1 }
            let x = buffer.set(x: inner.x, y: y, string: "Showing ", style: Style(.muted))
            let end = buffer.set(x: x, y: y, string: summary, style: Style(.accent).bold, maxWidth: inner.right - x)
            let hint: HintText = "  (\(keys: clear) clears)"
            let text = hint.resolved(context.keyOverrides)
            buffer.set(x: end, y: y, string: text, style: Style(.muted), maxWidth: max(0, inner.right - end))
        }
        if let retrying = state.retrying {
            buffer.set(x: inner.x, y: y, string: "↻ " + retrying.text(now: context.now), style: Style(.warning), maxWidth: inner.width)
        } else if let failure = state.load.failure {
            buffer.set(x: inner.x, y: y, string: "✗ " + failure.message, style: Style(.danger), maxWidth: inner.width)
        }
        if state.total == nil {
            if state.load.failure == nil, state.retrying == nil { buffer.set(x: inner.x, y: tableArea.y, string: "Loading orders…", style: Style(.muted)) }
            return
        }
        listTable(state, context: context, width: inner.width).render(into: &buffer, area: tableArea, state: state.table)
    }

    /// The list's table as `render` draws it into an area `width` wide.
    static func listTable(_ state: OrdersState, context: RenderContext, width: Int) -> Table {
        let wide = width >= 90
        var columns: [Table.Column] = [.init("Number", width: .length(wide ? 14 : 12)), .init("Date", width: .length(10))]
        columns.append(.init("Customer", width: .fill(1)))
        // The totals on screen decide their column, whatever the currency (not every page walked so far:
        // this runs at every frame).
        let shown = state.loadedOrders(in: state.table.visibleRange(visibleRows: state.visibleRows, rowCount: state.rowCount))
        let totalWidth = ColumnWidth.fitting(widestTotals(shown), header: "Total", atLeast: wide ? 13 : 11)
        columns += [.init("Status", width: .length(9)), .init("Items", width: .length(5), alignment: .right), .init("Total", width: .length(totalWidth), alignment: .right)]
        // An order not loaded yet is still a row ("…", which the selection highlights): it has a name.
        var table = Table(columns: columns, rowCount: state.rowCount) { index in state.rowName(at: index) } row: { index in
            guard let order = state.order(at: index) else { return Table.Row(["…"], style: Style(.muted)) }
            return Table.Row(
                [
                    order.orderNumber, TimeText.date(order.createdAt, in: context.timeZone), order.customer.name, order.status, "\(order.itemCount)",
                    Money.format(order.totalCents, currency: order.currency),
                ], cellStyles: [nil, nil, nil, Style(statusRole(order.status)), nil, nil])
        }
        table.emptyText = state.filter.isEmpty ? "No orders yet." : "No orders match."
        table.rowContext = context.timeZone.identifier
        return table
    }

    /// The list's table and where `render` draws it within the pane's `area`, when the list is all the
    /// pane shows (no detail, dialog, search line, notice or "Loading…"); nil otherwise.
    static func plainList(_ state: OrdersState, context: RenderContext, area: Rect) -> (table: Table, area: Rect)? {
        let inner = area.inset(horizontal: 1)
        guard !inner.isEmpty, state.detail == nil, state.confirmingCancel == nil, state.reorderQuestion == nil, !state.search.isActive,
            state.filter.summary == nil, state.retrying == nil, state.load.failure == nil, state.total != nil
        else { return nil }
        return (listTable(state, context: context, width: inner.width), tableArea(state, inner: inner))
    }

    /// The totals that decide the Total column's width, formatted: per currency, the largest and the most
    /// negative amount shown (a number with more digits is never narrower), not every row's.
    static func widestTotals(_ pages: [ArraySlice<Order>]) -> [String] {
        var extremes: [String: (largest: Int, smallest: Int)] = [:]
        // By index, reading two fields in place: iterating would copy every order out.
        for orders in pages {
            for index in orders.indices {
                let (cents, currency) = (orders[index].totalCents, orders[index].currency)
                let known = extremes[currency] ?? (cents, cents)
                extremes[currency] = (max(known.largest, cents), min(known.smallest, cents))
            }
        }
        return extremes.flatMap { currency, amounts in
            [Money.format(amounts.largest, currency: currency), Money.format(amounts.smallest, currency: currency)]
        }
    }

    /// Where the list's table goes within the pane's inner area (under the filter and failure lines).
    static func tableArea(_ state: OrdersState, inner: Rect) -> Rect {
        let top = inner.y + (state.search.isActive || state.filter.isNarrowed ? 1 : 0) + (state.load.failure != nil || state.retrying != nil ? 1 : 0)
        return Rect(x: inner.x, y: top, width: inner.width, height: max(0, inner.bottom - top))
    }

    static func renderDetail(_ order: Order, context: RenderContext, into buffer: inout Buffer, area: Rect) {
        // The title, the customer, a blank row, the lines (as many as fit), a blank row, the totals.
        let rows = Layout.vertical([.length(1), .length(1), .length(1), .fill(1), .length(1), .length(3)]).split(area)
        var x = buffer.set(x: area.x, y: rows[0].y, string: "Order \(order.orderNumber)  ", style: Style(.title).bold, maxWidth: area.width)
        buffer.set(x: x, y: rows[0].y, string: order.status, style: Style(statusRole(order.status)).bold, maxWidth: area.right - x)
        x = buffer.set(x: area.x, y: rows[1].y, string: order.customer.name, style: .plain, maxWidth: area.width)
        buffer.set(x: x, y: rows[1].y, string: " · placed \(TimeText.dateTime(order.createdAt, in: context.timeZone))", style: Style(.muted), maxWidth: area.right - x)
        var y = rows[3].y
        let money = { (cents: Int) in Money.format(cents, currency: order.currency) }
        let lines = order.lines.map { line in Table.Row([line.sku, line.name, "\(line.quantity)", money(line.unitPriceCents), money(line.lineTotalCents)]) }
        let table = Table(
            columns: [
                .init("SKU", width: .length(12)), .init("Product", width: .fill(1)), .init("Qty", width: .length(5), alignment: .right),
                .init("Price", width: .length(11), alignment: .right), .init("Line total", width: .length(12), alignment: .right),
            ], rows: lines)
        let tableHeight = min(lines.count + 1, rows[3].height)
        table.render(into: &buffer, area: Rect(x: area.x, y: y, width: area.width, height: tableHeight), state: TableState())
        y += tableHeight + 1
        for (label, cents, style) in [("Subtotal", order.subtotalCents, Style.plain), ("Tax", order.taxCents, .plain), ("Total", order.totalCents, Style.plain.bold)]
        where y < area.bottom {
            let text = DisplayWidth.pad(label, to: 10) + DisplayWidth.pad(money(cents), to: 14, alignRight: true)
            buffer.set(x: max(area.x, area.right - DisplayWidth.of(text)), y: y, string: text, style: style, maxWidth: area.width)
            y += 1
        }
    }
}

/// The app's names for the pane: its tab, its state (`state.orders`) and its actions (`.orders(…)`).
extension AppTab { public static let orders = AppTab("orders") }
extension AppState { public var orders: OrdersState { get { self[pane: OrdersScreen.self] } _modify { yield &self[pane: OrdersScreen.self] } } }
extension AppAction { public static func orders(_ action: OrdersAction) -> AppAction { .pane(PaneAction(OrdersScreen.self, action)) } }

extension OrdersScreen: Pane {
    static var backAction: Action? { .closeDetail }
    static func footer(_ state: OrdersState) -> Keymap {
        guard state.detail != nil else { return keymap }
        return keymap.footer(for: [.orders(.closeDetail), .orders(.requestCancel), .orders(.reorder), .orders(.copyNumber)])
    }
    static func position(_ state: OrdersState) -> ListPosition? {
        state.detail == nil ? ListPosition(selected: state.table.selected, count: state.total ?? 0) : nil
    }
    static var tab: AppTab { .orders }
    static let title = "Orders"
    static var permission: Permission? { .ordersRead }
    static var refusal: String { "Your role cannot see orders." }
    static var load: OrdersAction { .load }
    static var resources: [QueryResource] { [.orders] }
    static func revalidate(_ state: OrdersState) -> OrdersAction? { .revalidate }

    /// The list refreshes about once a minute while it is shown (leaving cancels `shownLifetime`).
    static func shown(_ state: inout OrdersState, _ dependencies: AppDependencies) -> Effect<OrdersAction> {
        let ticks = dependencies.ticks
        return .run(id: refreshTickerEffect) { send in
            for await _ in ticks(refreshInterval) { send(.revalidate) }
        }
    }
    static var dialogKeymaps: Keymap { cancelKeymap + reorderKeymap }

    static func dialog(_ state: OrdersState) -> Keymap? {
        if state.confirmingCancel != nil { return cancelKeymap }
        if state.reorderQuestion != nil { return reorderKeymap }
        return nil
    }

    static func capturedKey(_ key: Key, _ state: OrdersState) -> OrdersAction? { state.search.isActive ? .key(key) : nil }
    static func fresh(for session: SavedSession) -> OrdersState { OrdersState() }
    static func loadState(_ state: OrdersState) -> LoadState { state.load }
    static func needsLoad(_ state: OrdersState) -> Bool { state.total == nil && !state.isLoading }
    static func isBusy(_ state: OrdersState) -> Bool { state.isLoading }

    static func resized(_ state: inout OrdersState, to area: Rect) {
        // The table's header and a filter line.
        state.area = area
    }

    static func delegate(_ action: OrdersAction) -> PaneDelegate? {
        if case .delegate(let delegate) = action { delegate } else { nil }
    }

    static func reachability(_ action: OrdersAction) -> Reachability? {
        switch action {
        case .pageLoaded, .detailLoaded, .cancelled: .reached
        case .pageFailed(_, let failure), .detailFailed(let failure), .cancelFailed(let failure): .failed(failure)
        default: nil
        }
    }

    static func needsConnection(_ action: OrdersAction) -> Bool {
        switch action {
        case .reorder, .reorderQuestion(.chosen), .requestCancel, .cancelConfirmed: true
        default: false
        }
    }

    static func click(atY y: Int, x: Int, in state: OrdersState, area: Rect, keys: KeyOverrides) -> OrdersAction? {
        guard state.detail == nil, !state.capturesKeys else { return nil }
        let table = tableArea(state, inner: area.inset(horizontal: 1))
        guard table.contains(x: x, y: y) else { return nil }
        return Table(columns: [], rowCount: state.rowCount) { _ in [] }.rowIndex(atY: y, in: table, state: state.table).map { .navigate(.to($0)) }
    }
}
