import Foundation
import LeoraKit
import PortalAPI
import TerminalUI

/// The customers pane on screen: the list (search line, failure line, table) or one customer's
/// detail (facts, then their recent orders), and the reorder question over either.
extension CustomersScreen {
    /// A health score below this is at risk (the briefing's threshold); below `fairScore`, fair.
    static let fairScore = 70

    public static func render(_ state: CustomersState, context: RenderContext, into buffer: inout Buffer, area: Rect) {
        let inner = area.inset(horizontal: 1)
        guard !inner.isEmpty else { return }
        if let customer = state.detail {
            renderDetail(customer, state, context: context, into: &buffer, area: inner)
        } else {
            renderList(state, context: context, into: &buffer, area: inner)
        }
        state.reorderQuestion?.render(keys: reorderKeymap, context: context, into: &buffer, area: area)
    }

    /// Where the list's table goes within the pane's inner area (under the search and failure lines).
    static func tableArea(_ state: CustomersState, inner: Rect) -> Rect {
        let top = inner.y + (state.search.isActive || !state.query.isEmpty ? 1 : 0) + (state.load.failure != nil ? 1 : 0)
        return Rect(x: inner.x, y: top, width: inner.width, height: max(0, inner.bottom - top))
    }

    /// The detail's rows: the facts above, the recent orders' table below.
    static func detailLayout(_ inner: Rect) -> (facts: Rect, orders: Rect) {
        let rows = Layout.vertical([.length(8), .fill(1)]).split(inner)
        return (rows[0], rows[1])
    }

    static func healthRole(_ score: Int) -> ColorRole {
        score < BriefingScreen.atRiskScore ? .danger : score < fairScore ? .warning : .success
    }

    /// "82 ▲": the score and, when the metrics say it moved, its trend (a space otherwise, so the
    /// scores line up).
    static func health(_ customer: Customer, trend: Trend?) -> String {
        switch trend {
        case .up?: "\(customer.healthScore) ▲"
        case .down?: "\(customer.healthScore) ▼"
        default: "\(customer.healthScore)  "
        }
    }

    static func lastOrder(_ customer: Customer, timeZone: TimeZone) -> String {
        customer.lastOrderAt.map { TimeText.date($0, in: timeZone) } ?? "—"
    }

    static func renderList(_ state: CustomersState, context: RenderContext, into buffer: inout Buffer, area inner: Rect) {
        var y = inner.y
        if state.search.renderLine(query: state.query, placeholder: "customer name", change: search, keys: context.keyOverrides, into: &buffer, area: inner) {
            y += 1
        }
        if let failure = state.load.failure {
            buffer.set(x: inner.x, y: y, string: "✗ " + failure.message, style: Style(.danger), maxWidth: inner.width)
            y += 1
        }
        guard state.total != nil else {
            if state.load.failure == nil { buffer.set(x: inner.x, y: y, string: "Loading customers…", style: Style(.muted)) }
            return
        }
        let wide = inner.width >= 100
        var columns: [Table.Column] = [.init("Name", width: .fill(1))]
        if wide { columns.append(.init("Account", width: .length(10))) }
        columns += [
            .init("City", width: .length(wide ? 16 : 12)), .init("Health", width: .length(6), alignment: .right), .init("Pace", width: .length(wide ? 12 : 11)),
            .init("Last order", width: .length(10)),
        ]
        let customers = state.customers
        var table = Table(
            columns: columns, rowCount: customers.count + (state.hasMore ? 1 : 0)
        ) { range in
            range.map { index in
                guard customers.indices.contains(index) else { return Table.Row(["…"], style: Style(.muted)) }
                let customer = customers[index]
                let pace = state.paces[customer.id]
                var cells = [customer.name]
                if wide { cells.append(customer.accountNumber) }
                cells += [customer.city, health(customer, trend: state.trends[customer.id]), CustomerPace.cell(pace), lastOrder(customer, timeZone: context.timeZone)]
                var styles: [Style?] = Array(repeating: nil, count: cells.count)
                styles[cells.count - 3] = Style(healthRole(customer.healthScore))
                styles[cells.count - 2] = Style(CustomerPace(pace).role)
                return Table.Row(cells, cellStyles: styles)
            }
        }
        table.emptyText = state.query.isEmpty ? "No customers." : "No customers match “\(state.query)”."
        table.render(into: &buffer, area: tableArea(state, inner: inner), state: state.table)
    }

    static func renderDetail(_ customer: Customer, _ state: CustomersState, context: RenderContext, into buffer: inout Buffer, area: Rect) {
        let layout = detailLayout(area)
        let pace = state.paces[customer.id]
        let label = { (text: String) in StyledLine.Span(DisplayWidth.pad(text, to: 12), Style(.muted)) }
        var lines: [StyledLine] = [
            StyledLine(customer.name, Style(.title).bold),
            StyledLine("\(customer.accountNumber) · \(customer.city)", Style(.muted)),
            .blank,
            StyledLine([label("Health"), .init(health(customer, trend: state.trends[customer.id]), Style(healthRole(customer.healthScore)).bold)]),
            StyledLine([
                label("Pace"), .init(state.readsInsights ? CustomerPace.sentence(pace) : "not available to your role", Style(CustomerPace(pace).role)),
            ]),
            StyledLine([label("Last order"), .init(lastOrder(customer, timeZone: context.timeZone))]),
            .blank,
        ]
        let count = state.recentOrdersTotal.map { total in total > (state.recentOrders?.count ?? 0) ? " (latest \(state.recentOrders?.count ?? 0) of \(total))" : "" } ?? ""
        lines.append(StyledLine("Recent orders (yours)" + count, Style(.title).bold))
        StyledLine.render(lines, scroll: 0, into: &buffer, area: layout.facts)
        let ordersArea = layout.orders
        guard !ordersArea.isEmpty else { return }
        guard state.readsOrders else {
            buffer.set(x: ordersArea.x, y: ordersArea.y, string: "Your role cannot see orders.", style: Style(.muted), maxWidth: ordersArea.width)
            return
        }
        if let failure = state.recentOrdersFailure, state.recentOrders == nil {
            buffer.set(x: ordersArea.x, y: ordersArea.y, string: "✗ " + failure.message, style: Style(.danger), maxWidth: ordersArea.width)
            return
        }
        guard let orders = state.recentOrders else {
            buffer.set(x: ordersArea.x, y: ordersArea.y, string: "Loading recent orders…", style: Style(.muted), maxWidth: ordersArea.width)
            return
        }
        var table = Table(
            columns: [
                .init("Number", width: .length(12)), .init("Date", width: .length(10)), .init("Status", width: .fill(1)),
                .init("Items", width: .length(5), alignment: .right),
                .init(
                    "Total", width: .length(ColumnWidth.fitting(orders.map { Money.format($0.totalCents, currency: $0.currency) }, header: "Total", atLeast: 12)),
                    alignment: .right),
            ],
            rows: orders.map { order in
                Table.Row(
                    [
                        order.orderNumber, TimeText.date(order.createdAt, in: context.timeZone), order.status, "\(order.itemCount)",
                        Money.format(order.totalCents, currency: order.currency),
                    ], cellStyles: [nil, nil, Style(OrdersScreen.statusRole(order.status)), nil, nil])
            })
        table.emptyText = "No orders of yours for \(customer.name) yet."
        table.render(into: &buffer, area: ordersArea, state: state.recentTable)
    }
}
