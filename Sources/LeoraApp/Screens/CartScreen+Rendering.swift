import Foundation
import LeoraKit
import PortalAPI
import TerminalUI

/// How the cart is drawn: its lines and totals, and above them the customer picker, the quantity
/// prompt, the checkout confirmation and the order just placed.
extension CartScreen {
    /// The pane's rows in its inner area: the customer, the note (up to two lines), a blank row,
    /// the lines' table (as tall as its lines, at most what is left), a blank row, then the totals
    /// and the checkout hint right under the table. Drawing, clicks and the viewport read it.
    static func layout(_ state: CartState, inner: Rect, keys overrides: KeyOverrides = .none) -> (
        customer: Rect, note: Rect, waiting: Rect, lines: Rect, totals: Rect, hint: Rect
    ) {
        let noteRows = state.message.map { min(2, WrappedText.wrap($0.resolved(overrides), width: inner.width).count) } ?? 0
        let waitingRows = waitingText(state, width: inner.width, keys: overrides).count
        let rows = Layout.vertical([.length(1), .length(noteRows), .length(waitingRows), .length(1), .fill(1), .length(1), .length(3), .length(1)]).split(inner)
        let lines = Rect(x: inner.x, y: rows[4].y, width: inner.width, height: min(rows[4].height, state.items.count + 1))
        let totals = Layout.vertical([.length(1), .length(rows[6].height), .length(rows[7].height)]).split(
            Rect(x: inner.x, y: lines.bottom, width: inner.width, height: max(0, inner.bottom - lines.bottom)))
        return (rows[0], rows[1], rows[2], lines, totals[1], totals[2])
    }

    /// How many waiting changes the Cart pane lists before "and N more".
    static let waitingListed = 3

    /// The offline queue in the pane: the conflict (wrapped, at most two rows), a heading and the
    /// first changes waiting; no rows when nothing waits.
    static func waitingText(_ state: CartState, width: Int, keys: KeyOverrides) -> [(String, Style)] {
        let entries = state.queue.entries
        guard !entries.isEmpty, width > 0 else { return [] }
        var rows: [(String, Style)] = []
        if let conflict = state.queue.conflict {
            let text = conflictText(conflict, state.queue.conflicting).resolved(keys)
            rows += WrappedText.wrap(text, width: width).prefix(2).map { ($0, Style(.danger)) }
        }
        let heading = state.isOnline ? (state.isReplaying ? "Sending to the portal" : "Waiting for the portal") : "Waiting for the connection"
        rows.append(("\(heading) — \(entries.count) change\(entries.count == 1 ? "" : "s"):", Style(.warning)))
        for entry in entries.prefix(waitingListed) {
            let mark = entry.id == state.queue.conflict?.entryId ? "✗ " : "· "
            rows.append((mark + entry.summary, Style(.muted)))
        }
        if entries.count > waitingListed { rows.append(("  and \(entries.count - waitingListed) more", Style(.muted))) }
        return rows
    }

    /// Where the lines' table goes within the pane's inner area.
    static func tableArea(_ state: CartState, inner: Rect, keys overrides: KeyOverrides = .none) -> Rect {
        layout(state, inner: inner, keys: overrides).lines
    }

    static func quantityText(_ item: CartItem, packSizes: [String: Int]) -> String {
        UnitText.quantity(item.quantity, unit: item.unit, packSize: packSizes[item.productId])
    }

    public static func render(_ state: CartState, context: RenderContext, into buffer: inout Buffer, area: Rect) {
        let inner = area.inset(horizontal: 1)
        guard !inner.isEmpty else { return }
        guard let cart = state.cart else {
            if let failure = state.load.failure {
                buffer.set(x: inner.x, y: inner.y, string: "✗ " + failure.message, style: Style(.danger), maxWidth: inner.width)
            } else {
                buffer.set(x: inner.x, y: inner.y, string: "Loading the cart…", style: Style(.muted))
            }
            return
        }
        let keys = context.keyOverrides
        let layout = layout(state, inner: inner, keys: keys)
        let y = layout.customer.y
        let x = buffer.set(x: inner.x, y: y, string: "Customer: ", style: Style(.muted))
        if let customer = cart.customer {
            buffer.set(x: x, y: y, string: customer.name, style: Style.plain.bold, maxWidth: inner.right - x)
        } else {
            let hint: HintText = "none — press \(keys: chooseCustomer) to choose"
            buffer.set(x: x, y: y, string: hint.resolved(keys), style: Style(.warning), maxWidth: inner.right - x)
        }
        if let message = state.message {
            for (row, line) in WrappedText.wrap(message.resolved(keys), width: inner.width).prefix(layout.note.height).enumerated() {
                buffer.set(x: inner.x, y: layout.note.y + row, string: line, style: Style(.warning), maxWidth: inner.width)
            }
        }
        for (row, (text, style)) in waitingText(state, width: inner.width, keys: keys).prefix(layout.waiting.height).enumerated() {
            buffer.set(x: inner.x, y: layout.waiting.y + row, string: text, style: style, maxWidth: inner.width)
        }
        if cart.items.isEmpty {
            let hint: HintText = "The cart is empty. Find products on the Products tab (\(keys: AppKeymap.show(.products))) and press \(keys: ProductsScreen.add)."
            buffer.set(x: inner.x, y: layout.lines.y, string: hint.resolved(keys), style: Style(.muted), maxWidth: inner.width)
        } else {
            let money = { (cents: Int) in Money.format(cents, currency: cart.currency) }
            let wide = inner.width >= 100
            let table = Table(
                columns: [
                    .init("Product", width: .fill(1)), .init("SKU", width: .length(wide ? 12 : 8)), .init("Qty", width: .length(15), alignment: .right),
                    .init("Price", width: .length(ColumnWidth.fitting(cart.items.map { money($0.unitPriceCents) }, header: "Price", atLeast: wide ? 11 : 9)), alignment: .right),
                    .init(
                        "Line total", width: .length(ColumnWidth.fitting(cart.items.map { money($0.lineTotalCents) }, header: "Line total", atLeast: wide ? 12 : 10)),
                        alignment: .right),
                ],
                rows: cart.items.map { item in
                    Table.Row([item.name, item.sku, quantityText(item, packSizes: state.packSizes), money(item.unitPriceCents), money(item.lineTotalCents)])
                })
            table.render(into: &buffer, area: layout.lines, state: state.table)
            let totals = [("Subtotal", cart.subtotalCents, Style.plain), ("Tax", cart.taxCents, .plain), ("Total", cart.totalCents, Style.plain.bold)]
            for (row, (label, cents, style)) in totals.prefix(layout.totals.height).enumerated() {
                let text = DisplayWidth.pad(label, to: 10) + DisplayWidth.pad(money(cents), to: 14, alignRight: true)
                buffer.set(x: max(inner.x, inner.right - DisplayWidth.of(text)), y: layout.totals.y + row, string: text, style: style, maxWidth: inner.width)
            }
            if !layout.hint.isEmpty {
                let y = layout.hint.y
                let checkoutHint: HintText = "\(keys: checkout)  Checkout"
                let hint = state.isCheckingOut ? "Placing the order…" : checkoutHint.resolved(keys)
                buffer.set(x: max(inner.x, inner.right - DisplayWidth.of(hint)), y: y, string: hint, style: Style(.accent))
            }
        }
        if let picker = state.picker { renderPicker(picker, keys: keys, into: &buffer, area: area) }
        if let prompt = state.quantityPrompt { renderQuantityPrompt(prompt, packSizes: state.packSizes, keys: keys, into: &buffer, area: area) }
        if state.confirmingVersion != nil {
            renderConfirmation(cart, packSizes: state.packSizes, hint: checkoutKeymap.applying(context.keyOverrides).hint, into: &buffer, area: area)
        }
        if let order = state.placedOrder {
            Modal(
                title: "Order placed",
                body: "Order \(order.orderNumber) for \(order.customer.name), \(Money.format(order.totalCents, currency: order.currency)). It is on the Orders tab.",
                footer: placedOrderKeymap.applying(keys).hint, width: 56
            ).render(into: &buffer, area: area)
        }
    }

    /// The confirmation: the customer, the first lines (then "and N more") and the total.
    static func renderConfirmation(_ cart: Cart, packSizes: [String: Int], hint: String, into buffer: inout Buffer, area: Rect) {
        let customer = cart.customer?.name ?? "no customer chosen"
        let shown = cart.items.prefix(linesInConfirmation)
        let more = cart.items.count - shown.count
        let rows = shown.count + (more > 0 ? 1 : 0) + 2
        let modal = Modal(title: "Check out?", body: "Place an order for \(customer):", footer: hint, reservedRows: rows, width: 60)
        let inside = modal.render(into: &buffer, area: area)
        guard !inside.isEmpty else { return }
        let surface = Style(background: .role(.surface))
        let money = { (cents: Int) in Money.format(cents, currency: cart.currency) }
        var lines: [StyledLine] = shown.map { item in
            let quantity = DisplayWidth.pad(quantityText(item, packSizes: packSizes), to: 15)
            let total = DisplayWidth.pad(money(item.lineTotalCents), to: 11, alignRight: true)
            let name = DisplayWidth.pad(DisplayWidth.truncate(item.name, to: max(1, inside.width - 15 - 11 - 2)), to: max(1, inside.width - 15 - 11 - 2))
            return StyledLine([.init(quantity + " ", surface), .init(name + " ", surface), .init(total, surface)])
        }
        if more > 0 { lines.append(StyledLine("and \(more) more \(more == 1 ? "line" : "lines")", surface.patched(with: Style(.muted)))) }
        lines.append(.blank)
        let total = "Total " + DisplayWidth.pad(money(cart.totalCents), to: 11, alignRight: true)
        lines.append(StyledLine(DisplayWidth.pad(total, to: inside.width, alignRight: true), surface.patched(with: Style.plain.bold)))
        StyledLine.render(lines, scroll: 0, into: &buffer, area: inside)
    }

    static func renderQuantityPrompt(_ prompt: CartState.QuantityPrompt, packSizes: [String: Int], keys: KeyOverrides, into buffer: inout Buffer, area: Rect) {
        let item = prompt.item
        let body = prompt.resolvesConflict ? "Apply my change to \(item.name) with:" : "\(item.name) — now \(quantityText(item, packSizes: packSizes))."
        let modal = Modal(
            title: "Quantity", body: body, footer: quantityKeymap.applying(keys).hint,
            reservedRows: 2, width: 56)
        prompt.quantity.render(unit: item.unit, packSize: packSizes[item.productId], into: &buffer, area: modal.render(into: &buffer, area: area))
    }

    /// The customer picker drawn in the pane's `area`: its modal, as tall as its customers need
    /// and the area allows, the search field and the list under it.
    static func pickerLayout(_ picker: CartState.CustomerPicker, area: Rect, keys: KeyOverrides = .none) -> (modal: Modal, search: Rect, list: Rect) {
        let body: HintText = "Type to search; \(key: pickerUp)/\(key: pickerDown) to pick."
        let modal = Modal(
            title: "Choose a customer", body: body.resolved(keys), footer: pickerKeymap.applying(keys).hint,
            reservedRows: 1 + max(1, picker.customers.count), width: 60)
        let inside = modal.reservedArea(in: area)
        let rows = Layout.vertical([.length(1), .fill(1)]).split(inside)
        return (modal, rows[0], rows[1])
    }

    static func renderPicker(_ picker: CartState.CustomerPicker, keys: KeyOverrides, into buffer: inout Buffer, area: Rect) {
        let layout = pickerLayout(picker, area: area, keys: keys)
        layout.modal.render(into: &buffer, area: area)
        guard layout.list.height > 0 else { return }
        TextInput(placeholder: "name, account or city", focused: true).render(into: &buffer, area: layout.search, state: picker.search.input)
        let listArea = layout.list
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
