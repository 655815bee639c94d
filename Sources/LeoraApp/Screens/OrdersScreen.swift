import Foundation
import LeoraKit
import NcursesBackend
import PortalAPI
import TerminalUI

/// The orders list (a virtual table whose pages are fetched as the selection reaches them) and one
/// order's detail with its lines and totals.
public struct OrdersState: Sendable, Equatable {
    public static let pageSize = 50

    /// Loaded pages by number (1-based), each up to `pageSize` orders.
    public var pages: [Int: [Order]] = [:]
    /// Pages being fetched.
    public var loadingPages: Set<Int> = []
    /// How many orders the server has; nil before the first page.
    public var total: Int?
    public var table = TableState()
    /// Rows the table shows at once (from the terminal's height).
    public var visibleRows = 15
    public var failure: LoadFailure?
    public var updatedAt: Date?
    /// The order whose detail is open.
    public var detail: Order?

    public init() {}

    public var isLoading: Bool { !loadingPages.isEmpty }
    public var rowCount: Int { total ?? 0 }

    public func order(at index: Int) -> Order? {
        guard index >= 0 else { return nil }
        let page = index / Self.pageSize + 1
        guard let orders = pages[page] else { return nil }
        let offset = index % Self.pageSize
        return offset < orders.count ? orders[offset] : nil
    }

    public var selectedOrder: Order? { table.selected.flatMap(order(at:)) }
}

public enum OrdersAction: Sendable, Equatable {
    case load
    case pageLoaded(OrdersPageResult)
    case pageFailed(page: Int, LoadFailure)
    case move(Int)
    case pageDown
    case pageUp
    case first
    case last
    case openSelected
    case detailLoaded(Order)
    case closeDetail
}

public enum OrdersScreen {
    static func pageEffect(_ page: Int) -> EffectID { EffectID("orders.page.\(page)") }
    static let detailEffect = EffectID("orders.detail")

    public static let keymap = Keymap([
        KeyBinding([.character("j"), .down], label: "down", help: "Next order", action: .orders(.move(1)), section: "Orders", permission: .ordersRead),
        KeyBinding([.character("k"), .up], label: "up", help: "Previous order", action: .orders(.move(-1)), section: "Orders", permission: .ordersRead, inFooter: false),
        KeyBinding([.pageDown], label: "page down", help: "A page down", action: .orders(.pageDown), section: "Orders", permission: .ordersRead, inFooter: false),
        KeyBinding([.pageUp], label: "page up", help: "A page up", action: .orders(.pageUp), section: "Orders", permission: .ordersRead, inFooter: false),
        KeyBinding([.character("g"), .home], label: "first", help: "First order", action: .orders(.first), section: "Orders", permission: .ordersRead, inFooter: false),
        KeyBinding([.character("G"), .end], label: "last", help: "Last order (fetches the last page)", action: .orders(.last), section: "Orders", permission: .ordersRead, inFooter: false),
        KeyBinding([.enter], label: "open", help: "Open the order's detail", action: .orders(.openSelected), section: "Orders", permission: .ordersRead),
        KeyBinding([.escape], label: "back", help: "Back to the list", action: .orders(.closeDetail), section: "Orders", permission: .ordersRead),
    ])

    public static func reduce(into state: inout OrdersState, _ action: OrdersAction, _ dependencies: AppDependencies) -> Effect<OrdersAction> {
        switch action {
        case .load:
            state.pages = [:]
            state.loadingPages = []
            return load(page: 1, &state, dependencies)
        case .pageLoaded(let result):
            state.loadingPages.remove(result.page)
            state.pages[result.page] = result.orders
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
        case .last:
            state.table.selectLast(rowCount: state.rowCount, visibleRows: state.visibleRows)
            return ensureVisiblePages(&state, dependencies)
        case .openSelected:
            guard let order = state.selectedOrder else { return .none }
            state.detail = order
            let fetch = dependencies.order
            let id = order.id
            return .run(id: detailEffect) { send in
                if let fresh = try? await fetch(id) { send(.detailLoaded(fresh)) }
            }
        case .detailLoaded(let order):
            if state.detail?.id == order.id { state.detail = order }
            return .none
        case .closeDetail:
            state.detail = nil
            return .cancel(detailEffect)
        }
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
        return .load(
            id: pageEffect(page), { try await orders(page, OrdersState.pageSize) }, loaded: { .pageLoaded($0) },
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
        if let order = state.detail {
            renderDetail(order, context: context, into: &buffer, area: inner)
            return
        }
        var tableArea = inner
        if let failure = state.failure {
            buffer.set(x: inner.x, y: inner.y, string: "✗ " + failure.message, style: Style(.danger), maxWidth: inner.width)
            tableArea = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: max(0, inner.height - 1))
        }
        if state.total == nil {
            if state.failure == nil { buffer.set(x: inner.x, y: inner.y, string: "Loading orders…", style: Style(.muted)) }
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
        table.emptyText = "No orders yet."
        table.render(into: &buffer, area: tableArea, state: state.table)
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
