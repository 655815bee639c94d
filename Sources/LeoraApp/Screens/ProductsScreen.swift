import Foundation
import LeoraKit
import NcursesBackend
import PortalAPI
import TerminalUI

/// The catalogue: a server-side search, a table with price and available stock (refreshed every 5 s
/// while the pane is shown), a product's detail, and the quantity prompt that adds to the cart.
public struct ProductsState: Sendable, Equatable {
    /// The "add to cart" prompt: which product and the quantity typed so far (prefilled with 1,
    /// at most what is available).
    public struct QuantityPrompt: Sendable, Equatable {
        public var product: Product
        public var quantity: QuantityField
        public init(product: Product) {
            self.product = product
            self.quantity = QuantityField(prefilled: 1, available: product.inventory.available)
        }
    }

    /// What the quantity prompt's Enter asks for.
    public struct AddRequest: Sendable, Equatable {
        public var product: Product
        public var quantity: Int
    }

    public var products: [Product] = []
    /// Whether a list has arrived (an empty list is an answer too).
    public var hasLoaded = false
    public var isLoading = false
    public var failure: LoadFailure?
    public var updatedAt: Date?
    /// The query the list shows.
    public var query = ""
    /// The search field while `/` is open.
    public var search = TextInputState()
    public var isSearching = false
    public var table = TableState()
    public var visibleRows = 15
    /// The product whose detail is open (kept fresh by the stock refresh).
    public var detailID: String?
    public var quantityPrompt: QuantityPrompt?
    /// A notice for the app to show.
    public var toast: ToastRequest?
    /// A confirmed "add to cart" for the app to carry out (it owns the cart).
    public var addRequest: AddRequest?

    public init() {}

    public var selectedProduct: Product? { table.selected.flatMap { products.indices.contains($0) ? products[$0] : nil } }
    /// A product opened by id (a drill-down link) that the list may not hold.
    public var linkedProduct: Product?
    public var detail: Product? {
        detailID.flatMap { id in products.first { $0.id == id } ?? (linkedProduct?.id == id ? linkedProduct : nil) }
    }
    /// Whether keys go to an input (search field or quantity prompt) rather than the keymap.
    public var capturesKeys: Bool { isSearching || quantityPrompt != nil }
}

public enum ProductsAction: Sendable, Equatable {
    case load
    case loaded(query: String, [Product])
    case failed(LoadFailure)
    case startSearch
    /// A key while the search field or the quantity prompt is open.
    case key(Key)
    case searchDebounced(String)
    case move(Int)
    case pageDown
    case pageUp
    case first
    case last
    case openSelected
    case closeDetail
    /// The 5-second tick while the pane is shown.
    case stockTick
    case stockLoaded([Inventory])
    case addSelected
    /// Selects a row (a click).
    case select(Int)
    /// Shows the search for `text` (a drill-down link, `:products rioja`).
    case showSearch(String)
    /// Opens one product's detail by id (a drill-down link).
    case openProduct(id: String)
    case productArrived(Product)
    case productFailed(LoadFailure)
}

public enum ProductsScreen {
    static let loadEffect = EffectID("products.load")
    static let searchEffect = EffectID("products.search")
    static let stockTickerEffect = EffectID("products.stockTicker")
    static let stockEffect = EffectID("products.stock")
    static let productEffect = EffectID("products.product")
    static let searchDelay: Duration = .milliseconds(300)
    static let stockInterval: Duration = .seconds(5)

    public static let keymap = Keymap([
        KeyBinding([.character("/")], label: "search", help: "Search the catalogue", action: .products(.startSearch), section: "Products", permission: .productsRead),
        KeyBinding([.character("j"), .down], label: "down", help: "Next product", action: .products(.move(1)), section: "Products", permission: .productsRead, inFooter: false),
        KeyBinding([.character("k"), .up], label: "up", help: "Previous product", action: .products(.move(-1)), section: "Products", permission: .productsRead, inFooter: false),
        KeyBinding([.pageDown], label: "page down", help: "A page down", action: .products(.pageDown), section: "Products", permission: .productsRead, inFooter: false),
        KeyBinding([.pageUp], label: "page up", help: "A page up", action: .products(.pageUp), section: "Products", permission: .productsRead, inFooter: false),
        KeyBinding([.character("g"), .home], label: "first", help: "First product", action: .products(.first), section: "Products", permission: .productsRead, inFooter: false),
        KeyBinding([.character("G"), .end], label: "last", help: "Last product", action: .products(.last), section: "Products", permission: .productsRead, inFooter: false),
        KeyBinding([.enter], label: "detail", help: "Show the product's detail", action: .products(.openSelected), section: "Products", permission: .productsRead),
        KeyBinding([.character("a")], label: "add", help: "Add the product to the cart", action: .products(.addSelected), section: "Products", permission: .cartWrite),
        KeyBinding([.escape], label: "back", help: "Back to the list", action: .products(.closeDetail), section: "Products", permission: .productsRead, inFooter: false),
    ])

    /// Ticks every 5 s until cancelled (the app cancels it when the pane is left).
    static func stockTicker(_ dependencies: AppDependencies) -> Effect<ProductsAction> {
        let sleep = dependencies.sleep
        return .run(id: stockTickerEffect) { send in
            while !Task.isCancelled {
                guard (try? await sleep(stockInterval)) != nil, !Task.isCancelled else { return }
                send(.stockTick)
            }
        }
    }

    public static func reduce(into state: inout ProductsState, _ action: ProductsAction, _ dependencies: AppDependencies) -> Effect<ProductsAction> {
        switch action {
        case .load:
            return fetch(state.query, &state, dependencies, id: loadEffect)

        case .loaded(let query, let products):
            state.isLoading = false
            state.hasLoaded = true
            state.failure = nil
            state.updatedAt = dependencies.now()
            let selectedID = state.selectedProduct?.id
            state.query = query
            state.products = products
            let index = selectedID.flatMap { id in products.firstIndex { $0.id == id } } ?? 0
            state.table = TableState()
            state.table.select(index, rowCount: products.count, visibleRows: state.visibleRows)
            return .none

        case .failed(let failure):
            state.isLoading = false
            state.failure = failure
            return .none

        case .startSearch:
            // From a detail too: the search field is on the list, and the keys go to it, so it must show.
            state.detailID = nil
            state.isSearching = true
            state.search = TextInputState(text: state.query)
            return .none

        case .key(let key):
            if state.quantityPrompt != nil { return promptKey(key, &state) }
            guard state.isSearching else { return .none }
            switch key {
            case .enter:
                state.isSearching = false
                let query = state.search.text.trimmingCharacters(in: .whitespaces)
                return query == state.query && state.hasLoaded ? .cancel(searchEffect) : fetch(query, &state, dependencies, id: searchEffect)
            case .escape:
                state.isSearching = false
                state.search = TextInputState(text: state.query)
                return .cancel(searchEffect)
            default:
                let before = state.search.text
                TextEditing.apply(key, to: &state.search)
                guard state.search.text != before else { return .none }
                let query = state.search.text.trimmingCharacters(in: .whitespaces)
                let sleep = dependencies.sleep
                return .run(id: searchEffect) { send in
                    guard (try? await sleep(searchDelay)) != nil, !Task.isCancelled else { return }
                    send(.searchDebounced(query))
                }
            }

        case .searchDebounced(let query):
            return fetch(query, &state, dependencies, id: searchEffect)

        case .move(let delta):
            state.table.move(by: delta, rowCount: state.products.count, visibleRows: state.visibleRows)
            return .none
        case .pageDown:
            state.table.pageDown(rowCount: state.products.count, visibleRows: state.visibleRows)
            return .none
        case .pageUp:
            state.table.pageUp(rowCount: state.products.count, visibleRows: state.visibleRows)
            return .none
        case .first:
            state.table.selectFirst(rowCount: state.products.count, visibleRows: state.visibleRows)
            return .none
        case .select(let index):
            state.table.select(index, rowCount: state.products.count, visibleRows: state.visibleRows)
            return .none
        case .last:
            state.table.selectLast(rowCount: state.products.count, visibleRows: state.visibleRows)
            return .none

        case .showSearch(let text):
            state.isSearching = false
            state.detailID = nil
            state.search = TextInputState(text: text)
            return fetch(text, &state, dependencies, id: searchEffect)
        case .openProduct(let id):
            let product = dependencies.product
            return .load(id: productEffect, { try await product(id) }, loaded: { .productArrived($0) }, failed: { .productFailed($0) })
        case .productArrived(let product):
            state.linkedProduct = product
            state.detailID = product.id
            return .none
        case .productFailed(let failure):
            state.toast = ToastRequest("Couldn't open the product: \(failure.message)", .danger)
            return .none

        case .openSelected:
            state.detailID = state.selectedProduct?.id
            return .none
        case .closeDetail:
            state.detailID = nil
            return .none

        case .stockTick:
            let ids = visibleProductIDs(state)
            guard !ids.isEmpty else { return .none }
            let inventory = dependencies.inventory
            return .run(id: stockEffect) { send in
                if let stock = try? await inventory(ids) { send(.stockLoaded(stock)) }
            }

        case .stockLoaded(let stock):
            for item in stock {
                for index in state.products.indices where state.products[index].id == item.productId {
                    state.products[index].inventory = item
                }
            }
            return .none

        case .addSelected:
            guard let product = state.detail ?? state.selectedProduct else { return .none }
            if !product.active {
                state.toast = ToastRequest("\(product.name) is no longer sold.", .warning)
            } else if product.inventory.available < 1 {
                state.toast = ToastRequest("\(product.name) is out of stock.", .warning)
            } else {
                state.quantityPrompt = ProductsState.QuantityPrompt(product: product)
            }
            return .none

        }
    }

    /// The products on screen (the detail's product when it is open).
    static func visibleProductIDs(_ state: ProductsState) -> [String] {
        if let detail = state.detail { return [detail.id] }
        let range = state.table.visibleRange(visibleRows: state.visibleRows, rowCount: state.products.count)
        return range.map { state.products[$0].id }
    }

    private static func promptKey(_ key: Key, _ state: inout ProductsState) -> Effect<ProductsAction> {
        guard var prompt = state.quantityPrompt else { return .none }
        switch key {
        case .escape:
            state.quantityPrompt = nil
        case .enter:
            guard let quantity = prompt.quantity.submit() else {
                state.quantityPrompt = prompt
                return .none
            }
            state.quantityPrompt = nil
            state.addRequest = ProductsState.AddRequest(product: prompt.product, quantity: quantity)
        default:
            prompt.quantity.apply(key)
            state.quantityPrompt = prompt
        }
        return .none
    }

    private static func fetch(
        _ query: String, _ state: inout ProductsState, _ dependencies: AppDependencies, id: EffectID
    ) -> Effect<ProductsAction> {
        state.isLoading = true
        let products = dependencies.products
        return .merge(
            id == loadEffect ? .cancel(searchEffect) : .cancel(loadEffect),
            .observe(
                id: id, { products(query.isEmpty ? nil : query) }, loaded: { .loaded(query: query, $0) },
                failed: { .failed($0) }))
    }

    // MARK: Rendering

    static func price(_ product: Product) -> String { Money.format(product.unitPriceCents, currency: product.currency) }

    public static func render(_ state: ProductsState, context: RenderContext, into buffer: inout Buffer, area: Rect) {
        let inner = area.inset(horizontal: 1)
        guard !inner.isEmpty else { return }
        if let product = state.detail {
            renderDetail(product, into: &buffer, area: inner)
        } else {
            renderList(state, into: &buffer, area: inner)
        }
        if let prompt = state.quantityPrompt { renderPrompt(prompt, into: &buffer, area: area) }
    }

    /// Where the list's table goes within the pane's inner area (under the search and failure lines).
    static func tableArea(_ state: ProductsState, inner: Rect) -> Rect {
        let top = inner.y + (state.isSearching || !state.query.isEmpty ? 1 : 0) + (state.failure != nil ? 1 : 0)
        return Rect(x: inner.x, y: top, width: inner.width, height: max(0, inner.bottom - top))
    }

    static func renderList(_ state: ProductsState, into buffer: inout Buffer, area inner: Rect) {
        var y = inner.y
        if state.isSearching || !state.query.isEmpty {
            let x = buffer.set(x: inner.x, y: y, string: "Search: ", style: Style(.accent).bold)
            if state.isSearching {
                TextInput(placeholder: "name, SKU or brand", focused: true)
                    .render(into: &buffer, area: Rect(x: x, y: y, width: min(40, inner.right - x), height: 1), state: state.search)
            } else {
                buffer.set(x: x, y: y, string: state.query + "  (/ to change)", style: .plain, maxWidth: inner.right - x)
            }
            y += 1
        }
        if let failure = state.failure {
            buffer.set(x: inner.x, y: y, string: "✗ " + failure.message, style: Style(.danger), maxWidth: inner.width)
            y += 1
        }
        let tableArea = tableArea(state, inner: inner)
        guard state.hasLoaded else {
            if state.failure == nil { buffer.set(x: inner.x, y: y, string: "Loading products…", style: Style(.muted)) }
            return
        }
        let wide = inner.width >= 100
        let table = Table(
            columns: [
                .init("Name", width: .fill(1)), .init("SKU", width: .length(wide ? 12 : 8)), .init("Unit", width: .length(wide ? 12 : 10)),
                .init("Price", width: .length(wide ? 11 : 9), alignment: .right), .init(wide ? "Available" : "Stock", width: .length(wide ? 9 : 5), alignment: .right),
            ],
            rows: state.products.map { product in
                let available = product.inventory.available
                return Table.Row(
                    [product.name, product.sku, UnitText.unit(product.unit, packSize: product.packSize), price(product), "\(available)"],
                    cellStyles: [nil, nil, nil, nil, available == 0 ? Style(.danger) : nil])
            })
        var shown = table
        shown.emptyText = state.query.isEmpty ? "No products." : "No products match “\(state.query)”."
        shown.render(into: &buffer, area: tableArea, state: state.table)
    }

    static func renderDetail(_ product: Product, into buffer: inout Buffer, area: Rect) {
        var lines: [StyledLine] = [
            StyledLine(product.name, Style(.title).bold),
            StyledLine("\(product.brand) · \(product.category) · \(product.sku)", Style(.muted)),
            .blank,
        ]
        lines += StyledLine.wrapped(product.description, width: min(area.width, 90))
        lines.append(.blank)
        let pack = product.unit == "case" ? "case of \(product.packSize) bottles" : product.unit
        let label = { (text: String) in StyledLine.Span(DisplayWidth.pad(text, to: 12), Style(.muted)) }
        lines.append(StyledLine([label("Pack size"), .init(pack)]))
        lines.append(StyledLine([label("Price"), .init("\(price(product)) per \(product.unit)")]))
        let stock = product.inventory
        lines.append(
            StyledLine([
                label("Available"), .init("\(stock.available)", stock.available == 0 ? Style(.danger).bold : Style.plain.bold),
                .init("  (on hand \(stock.onHand), reserved \(stock.reserved))", Style(.muted)),
            ]))
        if !product.active { lines.append(StyledLine("No longer sold.", Style(.warning))) }
        StyledLine.render(lines, scroll: 0, into: &buffer, area: area)
    }

    static func renderPrompt(_ prompt: ProductsState.QuantityPrompt, into buffer: inout Buffer, area: Rect) {
        let product = prompt.product
        let modal = Modal(
            title: "Add to cart",
            body: "\(product.name) — \(UnitText.unit(product.unit, packSize: product.packSize)), \(price(product)) each; \(product.inventory.available) available.",
            footer: "Enter add · Esc cancel", reservedRows: 2, width: 56)
        prompt.quantity.render(unit: product.unit, packSize: product.packSize, into: &buffer, area: modal.render(into: &buffer, area: area))
    }
}
