import Foundation
import LeoraKit
import NcursesBackend
import PortalAPI
import TerminalUI

/// The orders list (a virtual table whose pages are fetched as the selection reaches them), its
/// filters and search, one order's detail with its lines and totals, and cancel and reorder.
public struct OrdersState: Sendable, Equatable {
    public static let pageSize = 50

    /// Loaded pages by number (1-based), each up to `pageSize` orders, for `filter`.
    public var pages: [Int: [Order]] = [:]
    /// Pages being fetched.
    public var loadingPages: Set<Int> = []
    /// How many orders the server has for `filter`; nil before the first page.
    public var total: Int?
    public var filter = OrdersFilter()
    /// The search field while `/` is open.
    public var search = TextInputState()
    public var isSearching = false
    public var table = TableState()
    /// Rows the table shows at once (from the terminal's height).
    public var visibleRows = 15
    public var failure: LoadFailure?
    public var updatedAt: Date?
    /// The order whose detail is open.
    public var detail: Order?
    /// An order asked for by id (a drill-down link) whose detail opens when it arrives.
    public var openingOrderID: String?
    /// The order the cancel confirmation is asking about.
    public var confirmingCancel: Order?
    /// The order being cancelled.
    public var cancellingID: String?
    /// A notice for the app to show.
    public var toast: ToastRequest?
    /// A reorder for the app to carry out (it owns the cart).
    public var reorderRequest: ReorderRequest?
    /// The order whose reorder asks whether to add to the cart or replace it.
    public var reorderQuestion: Order?
    /// The customer the cart is for while the question is asked (the answer decides which one orders).
    public var reorderCartCustomer: CustomerReference?

    public init() {}

    public var isLoading: Bool { !loadingPages.isEmpty || openingOrderID != nil || cancellingID != nil }
    public var rowCount: Int { total ?? 0 }
    /// Whether keys go to the search field or a dialog rather than the keymap.
    public var capturesKeys: Bool { isSearching || confirmingCancel != nil || reorderQuestion != nil }

    public func order(at index: Int) -> Order? {
        guard index >= 0 else { return nil }
        let page = index / Self.pageSize + 1
        guard let orders = pages[page] else { return nil }
        let offset = index % Self.pageSize
        return offset < orders.count ? orders[offset] : nil
    }

    public var selectedOrder: Order? { table.selected.flatMap(order(at:)) }
    /// What `c`, `r` and `y` act on: the open detail, else the selected row.
    public var targetOrder: Order? { detail ?? selectedOrder }

    /// Replaces every copy of `order` (list rows and detail) with the newer one.
    mutating func update(_ order: Order) {
        for (page, orders) in pages {
            if let index = orders.firstIndex(where: { $0.id == order.id }) { pages[page]?[index] = order }
        }
        if detail?.id == order.id { detail = order }
    }
}

public enum OrdersAction: Sendable, Equatable {
    case load
    case pageLoaded(OrdersPageResult, filter: OrdersFilter)
    case pageFailed(page: Int, LoadFailure)
    case move(Int)
    case pageDown
    case pageUp
    case first
    case last
    case openSelected
    case detailLoaded(Order)
    case detailFailed(LoadFailure)
    case closeDetail
    /// Shows the list narrowed to `filter` (a drill-down link, `:orders pending`).
    case applyFilter(OrdersFilter)
    case cycleStatus
    /// Narrows to the target order's customer, or widens again when already narrowed.
    case toggleCustomerFilter
    case clearFilter
    case startSearch
    /// A key while the search field or the cancel confirmation is open.
    case key(Key)
    /// Opens one order's detail by id (a drill-down link).
    case openOrder(id: String)
    case requestCancel
    case cancelled(Order)
    case cancelFailed(LoadFailure)
    case reorder
    /// The cart has lines: ask whether the order's go with them or replace them.
    case askReorderMode(Order, cartCustomer: CustomerReference?)
    case reorderModeChosen(ReorderMode)
    case reorderQuestionDismissed
    /// Selects a row (a click).
    case select(Int)
}

public enum OrdersScreen {
    static func pageEffect(_ page: Int) -> EffectID { EffectID("orders.page.\(page)") }
    static let detailEffect = EffectID("orders.detail")
    static let cancelEffect = EffectID("orders.cancel")

    public static let keymap = Keymap([
        KeyBinding([.character("j"), .down], label: "down", help: "Next order", action: .orders(.move(1)), section: "Orders", permission: .ordersRead, inFooter: false),
        KeyBinding([.character("k"), .up], label: "up", help: "Previous order", action: .orders(.move(-1)), section: "Orders", permission: .ordersRead, inFooter: false),
        KeyBinding([.pageDown], label: "page down", help: "A page down", action: .orders(.pageDown), section: "Orders", permission: .ordersRead, inFooter: false),
        KeyBinding([.pageUp], label: "page up", help: "A page up", action: .orders(.pageUp), section: "Orders", permission: .ordersRead, inFooter: false),
        KeyBinding([.character("g"), .home], label: "first", help: "First order", action: .orders(.first), section: "Orders", permission: .ordersRead, inFooter: false),
        KeyBinding([.character("G"), .end], label: "last", help: "Last order (fetches the last page)", action: .orders(.last), section: "Orders", permission: .ordersRead, inFooter: false),
        KeyBinding([.enter], label: "open", help: "Open the order's detail", action: .orders(.openSelected), section: "Orders", permission: .ordersRead),
        KeyBinding([.escape], label: "back", help: "Back to the list", action: .orders(.closeDetail), section: "Orders", permission: .ordersRead, inFooter: false),
        KeyBinding([.character("/")], label: "search", help: "Search by order number or customer", action: .orders(.startSearch), section: "Orders", permission: .ordersRead),
        KeyBinding([.character("s")], label: "status", help: "Next status filter (all, pending … cancelled)", action: .orders(.cycleStatus), section: "Orders", permission: .ordersRead),
        KeyBinding([.character("f")], label: "customer", help: "Only this customer's orders (again: all customers)", action: .orders(.toggleCustomerFilter), section: "Orders", permission: .ordersRead),
        KeyBinding([.character("x")], label: "clear", help: "Clear the filters and search", action: .orders(.clearFilter), section: "Orders", permission: .ordersRead, inFooter: false),
        KeyBinding([.character("c")], label: "cancel", help: "Cancel a pending order (asks first)", action: .orders(.requestCancel), section: "Orders", permission: .ordersWrite),
        KeyBinding([.character("r")], label: "reorder", help: "Add the order's lines to the cart", action: .orders(.reorder), section: "Orders", permission: .cartWrite),
        KeyBinding([.character("y")], label: "copy", help: "Copy the order number (OSC 52)", action: .copyOrderNumber, section: "Orders", permission: .ordersRead, inFooter: false),
    ])

    /// The keys of the question a reorder asks when the cart already has lines.
    public static let reorderKeymap = Keymap([
        KeyBinding([.character("a")], label: "add", help: "Add the order's lines to the cart's", action: .orders(.reorderModeChosen(.add)), section: "Reorder", permission: .cartWrite),
        KeyBinding(
            [.character("x")], label: "replace", help: "Empty the cart, then add the order's lines and customer", action: .orders(.reorderModeChosen(.replace)),
            section: "Reorder", permission: .cartWrite),
        KeyBinding([.escape, .character("n")], label: "back", help: "Leave the cart as it is", action: .orders(.reorderQuestionDismissed), section: "Reorder"),
    ])

    public static func reduce(into state: inout OrdersState, _ action: OrdersAction, _ dependencies: AppDependencies) -> Effect<OrdersAction> {
        switch action {
        case .load:
            state.pages = [:]
            state.loadingPages = []
            return load(page: 1, &state, dependencies)
        case .pageLoaded(let result, let filter):
            // A page for a filter the rep has since changed is of no use.
            guard filter.matches(state.filter) else { return .none }
            state.loadingPages.remove(result.page)
            state.pages[result.page] = result.orders
            // A customer link carries only the id: the orders name the customer.
            if let customer = state.filter.customer, customer.name.isEmpty, let named = result.orders.first(where: { $0.customer.id == customer.id }) {
                state.filter.customer = named.customer
            }
            state.total = result.total
            state.failure = nil
            state.updatedAt = dependencies.now()
            if state.table.selected == nil, !result.orders.isEmpty { state.table.selected = 0 }
            if let selected = state.table.selected, selected >= result.total {
                state.table.select(max(0, result.total - 1), rowCount: result.total, visibleRows: state.visibleRows)
            }
            return .none
        case .pageFailed(let page, let failure):
            state.loadingPages.remove(page)
            state.failure = failure
            return .none
        case .move(let delta):
            state.table.move(by: delta, rowCount: state.rowCount, visibleRows: state.visibleRows)
            return ensureVisiblePages(&state, dependencies)
        case .pageDown:
            state.table.pageDown(rowCount: state.rowCount, visibleRows: state.visibleRows)
            return ensureVisiblePages(&state, dependencies)
        case .pageUp:
            state.table.pageUp(rowCount: state.rowCount, visibleRows: state.visibleRows)
            return ensureVisiblePages(&state, dependencies)
        case .first:
            state.table.selectFirst(rowCount: state.rowCount, visibleRows: state.visibleRows)
            return ensureVisiblePages(&state, dependencies)
        case .select(let index):
            state.table.select(index, rowCount: state.rowCount, visibleRows: state.visibleRows)
            return ensureVisiblePages(&state, dependencies)
        case .last:
            state.table.selectLast(rowCount: state.rowCount, visibleRows: state.visibleRows)
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
            state.toast = ToastRequest("Couldn't open the order: \(failure.message)", .danger)
            return .none
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
            state.isSearching = true
            state.search = TextInputState(text: state.filter.query ?? "")
            return .cancel(detailEffect)

        case .key(let key):
            if let order = state.confirmingCancel { return confirmationKey(key, order: order, &state, dependencies) }
            guard state.isSearching else { return .none }
            switch key {
            case .enter:
                state.isSearching = false
                let text = state.search.text.trimmingCharacters(in: .whitespaces)
                var filter = state.filter
                filter.query = text.isEmpty ? nil : text
                return filter == state.filter ? .none : show(filter, &state, dependencies)
            case .escape:
                state.isSearching = false
            default:
                TextEditing.apply(key, to: &state.search)
            }
            return .none

        case .requestCancel:
            guard let order = state.targetOrder, state.cancellingID == nil else { return .none }
            guard order.status == "pending" else {
                state.toast = ToastRequest("Only pending orders can be cancelled; \(order.orderNumber) is \(order.status).", .warning)
                return .none
            }
            state.confirmingCancel = order
            return .none
        case .cancelled(let order):
            state.cancellingID = nil
            state.update(order)
            state.toast = ToastRequest("Order \(order.orderNumber) cancelled.", .success)
            return .none
        case .cancelFailed(let failure):
            state.cancellingID = nil
            let reason = failure.code == "ORDER_NOT_CANCELLABLE" ? "it is no longer pending." : failure.message
            state.toast = ToastRequest("Couldn't cancel the order: \(reason)", .danger)
            // The portal knows the order's real status now: show it.
            return state.detail.map { fetchDetail($0.id, dependencies) } ?? .none

        case .reorder:
            guard let order = state.targetOrder else { return .none }
            state.reorderRequest = ReorderRequest(order: order)
            return .none
        case .askReorderMode(let order, let cartCustomer):
            state.reorderQuestion = order
            state.reorderCartCustomer = cartCustomer
            return .none
        case .reorderModeChosen(let mode):
            guard let order = state.reorderQuestion else { return .none }
            state.reorderQuestion = nil
            state.reorderRequest = ReorderRequest(order: order, mode: mode)
            return .none
        case .reorderQuestionDismissed:
            state.reorderQuestion = nil
            return .none
        }
    }

    /// Shows the list for `filter` from its first page.
    private static func show(_ filter: OrdersFilter, _ state: inout OrdersState, _ dependencies: AppDependencies) -> Effect<OrdersAction> {
        state.filter = filter
        state.detail = nil
        state.isSearching = false
        state.total = nil
        state.table = TableState()
        state.failure = nil
        return .merge(.cancel(detailEffect), reduce(into: &state, .load, dependencies))
    }

    /// The add-or-replace question, naming whom each answer orders for.
    static func reorderQuestion(_ order: Order, cartCustomer: CustomerReference?) -> String {
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

    private static func confirmationKey(_ key: Key, order: Order, _ state: inout OrdersState, _ dependencies: AppDependencies) -> Effect<OrdersAction> {
        switch key {
        case .enter, .character("y"):
            state.confirmingCancel = nil
            state.cancellingID = order.id
            let cancel = dependencies.cancelOrder
            let id = order.id
            return .load(id: cancelEffect, { try await cancel(id) }, loaded: { .cancelled($0) }, failed: { .cancelFailed($0) })
        case .escape, .character("n"):
            state.confirmingCancel = nil
        default: break
        }
        return .none
    }

    private static func fetchDetail(_ id: String, _ dependencies: AppDependencies) -> Effect<OrdersAction> {
        let fetch = dependencies.order
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
        let orders = dependencies.orders
        let filter = state.filter
        return .observe(
            id: pageEffect(page), { orders(filter, page, OrdersState.pageSize) }, loaded: { .pageLoaded($0, filter: filter) },
            failed: { .pageFailed(page: page, $0) })
    }

    static func statusRole(_ status: String) -> ColorRole {
        switch status {
        case "pending": .warning
        case "confirmed", "shipped": .info
        case "delivered": .success
        case "cancelled": .muted
        default: .text
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
                    footer: "y cancel the order · Esc keep it", width: 56
                ).render(into: &buffer, area: area)
            }
            if let order = state.reorderQuestion {
                Modal(
                    title: "Reorder \(order.orderNumber)?", body: reorderQuestion(order, cartCustomer: state.reorderCartCustomer),
                    footer: reorderKeymap.applying(context.keyOverrides).hint, width: 60
                ).render(into: &buffer, area: area)
            }
        }
        if let order = state.detail {
            renderDetail(order, context: context, into: &buffer, area: inner)
            return
        }
        let tableArea = tableArea(state, inner: inner)
        var y = inner.y
        if state.isSearching {
            defer { y += 1 }
            let x = buffer.set(x: inner.x, y: y, string: "Search: ", style: Style(.accent))
            TextInput(placeholder: "order number or customer", focused: true)
                .render(into: &buffer, area: Rect(x: x, y: y, width: max(0, inner.right - x), height: 1), state: state.search)
        } else if let summary = state.filter.summary {
            defer { y += 1 }
            let x = buffer.set(x: inner.x, y: y, string: "Showing ", style: Style(.muted))
            let end = buffer.set(x: x, y: y, string: summary, style: Style(.accent).bold, maxWidth: inner.right - x)
            buffer.set(x: end, y: y, string: "  (x clears)", style: Style(.muted), maxWidth: max(0, inner.right - end))
        }
        if let failure = state.failure {
            buffer.set(x: inner.x, y: y, string: "✗ " + failure.message, style: Style(.danger), maxWidth: inner.width)
        }
        if state.total == nil {
            if state.failure == nil { buffer.set(x: inner.x, y: tableArea.y, string: "Loading orders…", style: Style(.muted)) }
            return
        }
        let wide = inner.width >= 90
        var columns: [Table.Column] = [.init("Number", width: .length(wide ? 14 : 12)), .init("Date", width: .length(10))]
        columns.append(.init("Customer", width: .fill(1)))
        columns += [.init("Status", width: .length(9)), .init("Items", width: .length(5), alignment: .right), .init("Total", width: .length(wide ? 13 : 11), alignment: .right)]
        var table = Table(columns: columns, rowCount: state.rowCount) { range in
            range.map { index in
                guard let order = state.order(at: index) else { return Table.Row(["…"], style: Style(.muted)) }
                return Table.Row(
                    [
                        order.orderNumber, TimeText.date(order.createdAt, in: context.timeZone), order.customer.name, order.status, "\(order.itemCount)",
                        Money.format(order.totalCents, currency: order.currency),
                    ], cellStyles: [nil, nil, nil, Style(statusRole(order.status)), nil, nil])
            }
        }
        table.emptyText = state.filter.isEmpty ? "No orders yet." : "No orders match."
        table.render(into: &buffer, area: tableArea, state: state.table)
    }

    /// Where the list's table goes within the pane's inner area (under the filter and failure lines).
    static func tableArea(_ state: OrdersState, inner: Rect) -> Rect {
        let top = inner.y + (state.isSearching || state.filter.summary != nil ? 1 : 0) + (state.failure != nil ? 1 : 0)
        return Rect(x: inner.x, y: top, width: inner.width, height: max(0, inner.bottom - top))
    }

    static func renderDetail(_ order: Order, context: RenderContext, into buffer: inout Buffer, area: Rect) {
        var y = area.y
        var x = buffer.set(x: area.x, y: y, string: "Order \(order.orderNumber)  ", style: Style(.title).bold, maxWidth: area.width)
        buffer.set(x: x, y: y, string: order.status, style: Style(statusRole(order.status)).bold, maxWidth: area.right - x)
        y += 1
        x = buffer.set(x: area.x, y: y, string: order.customer.name, style: .plain, maxWidth: area.width)
        buffer.set(x: x, y: y, string: " · placed \(TimeText.dateTime(order.createdAt, in: context.timeZone))", style: Style(.muted), maxWidth: area.right - x)
        y += 2
        let money = { (cents: Int) in Money.format(cents, currency: order.currency) }
        let rows = order.lines.map { line in Table.Row([line.sku, line.name, "\(line.quantity)", money(line.unitPriceCents), money(line.lineTotalCents)]) }
        let table = Table(
            columns: [
                .init("SKU", width: .length(12)), .init("Product", width: .fill(1)), .init("Qty", width: .length(5), alignment: .right),
                .init("Price", width: .length(11), alignment: .right), .init("Line total", width: .length(12), alignment: .right),
            ], rows: rows)
        let tableHeight = max(0, min(rows.count + 1, area.bottom - y - 4))
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
