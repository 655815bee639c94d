import Foundation
import LeoraKit
import PortalAPI
import TerminalUI

/// The catalogue: a server-side search, a table with price and available stock (refreshed every 5 s
/// while the pane is shown), a product's detail, and the quantity prompt that adds to the cart.
public struct ProductsState: PaneStateValue {
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

    public var products: [Product] = []
    public var load = LoadState()
    /// The query the list shows.
    public var query = ""
    /// The search field (`/`).
    public var search = SearchField()
    public var table = TableState()
    /// Where the pane is drawn (the main layout's content area).
    public var area = Rect(x: 0, y: 1, width: 80, height: 21)
    /// Rows the list shows at once: from the table's place in `area`, as it is drawn.
    public var visibleRows: Int { Table.visibleRows(in: ProductsScreen.tableArea(self, inner: area.inset(horizontal: 1))) }
    /// The product whose detail is open (kept fresh by the stock refresh).
    public var detailID: String?
    public var quantityPrompt: QuantityPrompt?

    public init() {}

    public var selectedProduct: Product? { table.selected.flatMap { products.indices.contains($0) ? products[$0] : nil } }
    /// A product opened by id (a drill-down link) that the list may not hold.
    public var linkedProduct: Product?
    public var detail: Product? {
        detailID.flatMap { id in products.first { $0.id == id } ?? (linkedProduct?.id == id ? linkedProduct : nil) }
    }
    /// Whether keys go to an input (search field or quantity prompt) rather than the keymap.
    public var capturesKeys: Bool { search.isActive || quantityPrompt != nil }
}

public enum ProductsAction: Sendable, Equatable {
    case load
    /// The products for `query`, and when the portal gave them (nil: just now).
    case loaded(query: String, [Product], updatedAt: Date? = nil)
    case failed(LoadFailure)
    case startSearch
    /// A key typed in the search field or the quantity prompt.
    case key(Key)
    /// Enter in the quantity prompt.
    case quantitySubmitted
    case quantityDismissed
    case searchDebounced(String)
    /// Moves the selection (keys, a click).
    case navigate(TableMove)
    case openSelected
    case closeDetail
    /// The 5-second tick while the pane is shown.
    case stockTick
    case stockLoaded([Inventory])
    case addSelected
    /// Shows the search for `text` (a drill-down link, `:products rioja`).
    case showSearch(String)
    /// Opens one product's detail by id (a drill-down link).
    case openProduct(id: String)
    case productArrived(Product)
    case productFailed(LoadFailure)
    case delegate(PaneDelegate)
}

public enum ProductsScreen {
    static let lifetime = EffectID("products")
    static let loadEffect = lifetime.appending("load")
    static let searchEffect = lifetime.appending("search")
    static let productEffect = lifetime.appending("product")
    /// The stock refresh runs only while the pane is shown.
    static let stockTickerEffect = shownLifetime.appending("ticker")
    static let stockEffect = shownLifetime.appending("stock")
    static let searchDelay: Duration = .milliseconds(300)
    static let stockInterval: Duration = .seconds(5)

    static let search = KeyBinding([.character("/")], label: "search", help: "Search the catalogue", action: .products(.startSearch), section: "Products", permission: .productsRead)
    static let add = KeyBinding([.character("a")], label: "add", help: "Add the product to the cart", action: .products(.addSelected), section: "Products", permission: .cartWrite)

    public static let keymap = Keymap(
        [search] + Keymap.tableNavigation(section: "Products", row: "product", permission: .productsRead) { .products(.navigate($0)) } + [
        KeyBinding([.enter], label: "detail", help: "Show the product's detail", action: .products(.openSelected), section: "Products", permission: .productsRead),
        add,
        KeyBinding([.escape], label: "back", help: "Back to the list", action: .products(.closeDetail), section: "Products", permission: .productsRead, inFooter: false),
    ])

    /// The "add to cart" prompt's keys; digits and editing keys type the quantity.
    public static let quantityKeymap = Keymap([
        KeyBinding([.enter], label: "add", help: "Add the quantity typed to the cart", action: .products(.quantitySubmitted), section: "Add to cart", permission: .cartWrite),
        KeyBinding([.escape], label: "cancel", help: "Close the prompt without adding", action: .products(.quantityDismissed), section: "Add to cart"),
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

        case .loaded(let query, let products, let updatedAt):
            state.load.succeeded(at: updatedAt ?? dependencies.now())
            let selectedID = state.selectedProduct?.id
            state.query = query
            state.products = products
            let index = selectedID.flatMap { id in products.firstIndex { $0.id == id } } ?? 0
            state.table = TableState()
            state.table.select(index, rowCount: products.count, visibleRows: state.visibleRows)
            return .send(.delegate(.productsRead(products)))

        case .failed(let failure):
            state.load.failed(failure)
            return .none

        case .startSearch:
            // From a detail too: the search field is on the list, and the keys go to it, so it must show.
            state.detailID = nil
            state.search.open(with: state.query)
            return .none

        case .key(let key):
            if var prompt = state.quantityPrompt {
                prompt.quantity.apply(key)
                state.quantityPrompt = prompt
                return .none
            }
            guard state.search.isActive else { return .none }
            switch state.search.reduce(key) {
            case .committed(let query):
                return query == state.query && state.load.hasLoaded ? .cancel(searchEffect) : fetch(query, &state, dependencies, id: searchEffect)
            case .cancelled:
                return .cancel(searchEffect)
            case .changed(let query):
                return .debounced(id: searchEffect, for: searchDelay, sleep: dependencies.sleep, .searchDebounced(query))
            case .ignored:
                return .none
            }

        case .searchDebounced(let query):
            return fetch(query, &state, dependencies, id: searchEffect)

        case .navigate(let move):
            state.table.apply(move, rowCount: state.products.count, visibleRows: state.visibleRows)
            return .none

        case .showSearch(let text):
            state.detailID = nil
            state.search = SearchField(text: text)
            return fetch(text, &state, dependencies, id: searchEffect)
        case .openProduct(let id):
            let product = dependencies.catalog.product
            return .load(id: productEffect, { try await product(id) }, loaded: { .productArrived($0) }, failed: { .productFailed($0) })
        case .productArrived(let product):
            state.linkedProduct = product
            state.detailID = product.id
            return .none
        case .productFailed(let failure):
            return toast("Couldn't open the product: \(failure.message)", .danger)

        case .openSelected:
            state.detailID = state.selectedProduct?.id
            return .none
        case .closeDetail:
            state.detailID = nil
            return .none

        case .stockTick:
            let ids = visibleProductIDs(state)
            guard !ids.isEmpty else { return .none }
            let inventory = dependencies.catalog.inventory
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
            if !product.active { return toast("\(product.name) is no longer sold.", .warning) }
            if product.inventory.available < 1 { return toast("\(product.name) is out of stock.", .warning) }
            state.quantityPrompt = ProductsState.QuantityPrompt(product: product)
            return .none

        case .quantitySubmitted:
            guard var prompt = state.quantityPrompt else { return .none }
            guard let quantity = prompt.quantity.submit() else {
                state.quantityPrompt = prompt
                return .none
            }
            state.quantityPrompt = nil
            return .send(.delegate(.addToCart(prompt.product, quantity: quantity)))
        case .quantityDismissed:
            state.quantityPrompt = nil
            return .none

        case .delegate:
            return .none
        }
    }

    private static func toast(_ message: HintText, _ kind: Toast.Kind) -> Effect<ProductsAction> { .send(.delegate(.toast(message, kind))) }

    /// The products on screen (the detail's product when it is open).
    static func visibleProductIDs(_ state: ProductsState) -> [String] {
        if let detail = state.detail { return [detail.id] }
        let range = state.table.visibleRange(visibleRows: state.visibleRows, rowCount: state.products.count)
        return range.map { state.products[$0].id }
    }

    private static func fetch(
        _ query: String, _ state: inout ProductsState, _ dependencies: AppDependencies, id: EffectID
    ) -> Effect<ProductsAction> {
        state.load.started()
        let products = dependencies.catalog.products
        return .merge(
            id == loadEffect ? .cancel(searchEffect) : .cancel(loadEffect),
            .observe(
                id: id, { products(query.isEmpty ? nil : query) }, loaded: { .loaded(query: query, $0.value, updatedAt: $0.updatedAt) },
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
            renderList(state, keys: context.keyOverrides, into: &buffer, area: inner)
        }
        if let prompt = state.quantityPrompt { renderPrompt(prompt, keys: context.keyOverrides, into: &buffer, area: area) }
    }

    /// Where the list's table goes within the pane's inner area (under the search and failure lines).
    static func tableArea(_ state: ProductsState, inner: Rect) -> Rect {
        let top = inner.y + (state.search.isActive || !state.query.isEmpty ? 1 : 0) + (state.load.failure != nil ? 1 : 0)
        return Rect(x: inner.x, y: top, width: inner.width, height: max(0, inner.bottom - top))
    }

    static func renderList(_ state: ProductsState, keys: KeyOverrides, into buffer: inout Buffer, area inner: Rect) {
        var y = inner.y
        if state.search.renderLine(query: state.query, placeholder: "name, SKU or brand", change: search, keys: keys, into: &buffer, area: inner) { y += 1 }
        if let failure = state.load.failure {
            buffer.set(x: inner.x, y: y, string: "✗ " + failure.message, style: Style(.danger), maxWidth: inner.width)
            y += 1
        }
        let tableArea = tableArea(state, inner: inner)
        guard state.load.hasLoaded else {
            if state.load.failure == nil { buffer.set(x: inner.x, y: y, string: "Loading products…", style: Style(.muted)) }
            return
        }
        let wide = inner.width >= 100
        let table = Table(
            columns: [
                .init("Name", width: .fill(1)), .init("SKU", width: .length(wide ? 12 : 8)), .init("Unit", width: .length(wide ? 12 : 10)),
                .init("Price", width: .length(ColumnWidth.fitting(state.products.map(price), header: "Price", atLeast: wide ? 11 : 9)), alignment: .right), .init(wide ? "Available" : "Stock", width: .length(wide ? 9 : 5), alignment: .right),
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

    static func renderPrompt(_ prompt: ProductsState.QuantityPrompt, keys: KeyOverrides, into buffer: inout Buffer, area: Rect) {
        let product = prompt.product
        let modal = Modal(
            title: "Add to cart",
            body: "\(product.name) — \(UnitText.unit(product.unit, packSize: product.packSize)), \(price(product)) each; \(product.inventory.available) available.",
            footer: quantityKeymap.applying(keys).hint, reservedRows: 2, width: 56)
        prompt.quantity.render(unit: product.unit, packSize: product.packSize, into: &buffer, area: modal.render(into: &buffer, area: area))
    }
}

/// The app's names for the pane: its tab, its state (`state.products`) and its actions (`.products(…)`).
extension AppTab { public static let products = AppTab("products") }
extension AppState { public var products: ProductsState { get { self[pane: ProductsScreen.self] } _modify { yield &self[pane: ProductsScreen.self] } } }
extension AppAction { public static func products(_ action: ProductsAction) -> AppAction { .pane(PaneAction(ProductsScreen.self, action)) } }

extension ProductsScreen: Pane {
    static var backAction: Action? { .closeDetail }
    static func footer(_ state: ProductsState) -> Keymap {
        guard state.detail != nil else { return keymap }
        return keymap.footer(for: [.products(.closeDetail), .products(.addSelected)])
    }
    static func position(_ state: ProductsState) -> ListPosition? {
        state.detail == nil ? ListPosition(selected: state.table.selected, count: state.products.count) : nil
    }
    static var tab: AppTab { .products }
    static let title = "Products"
    static var permission: Permission? { .productsRead }
    static var refusal: String { "Your role cannot see products." }
    static var load: ProductsAction { .load }
    static var resources: [QueryResource] { [.products, .inventory] }
    /// Loading again keeps the list (and its selection) until the new one arrives; a search on its
    /// way (a link, `:products rioja`) is left to arrive.
    static func revalidate(_ state: ProductsState) -> ProductsAction? { state.load.isLoading ? nil : .load }

    static var dialogKeymaps: Keymap { quantityKeymap }

    static func dialog(_ state: ProductsState) -> Keymap? { state.quantityPrompt != nil ? quantityKeymap : nil }
    /// Typing goes to the quantity prompt or the search field.
    static func capturedKey(_ key: Key, _ state: ProductsState) -> ProductsAction? { state.capturesKeys ? .key(key) : nil }
    static func fresh(for session: SavedSession) -> ProductsState { ProductsState() }
    static func loadState(_ state: ProductsState) -> LoadState { state.load }

    static func resized(_ state: inout ProductsState, to area: Rect) {
        // The table's header, and a search row.
        state.area = area
    }

    /// The stock refresh runs only while the pane is shown (leaving cancels `shownLifetime`).
    static func shown(_ state: inout ProductsState, _ dependencies: AppDependencies) -> Effect<ProductsAction> { stockTicker(dependencies) }

    static func delegate(_ action: ProductsAction) -> PaneDelegate? {
        if case .delegate(let delegate) = action { delegate } else { nil }
    }

    static func reachability(_ action: ProductsAction) -> Reachability? {
        switch action {
        case .loaded: .reached
        case .failed(let failure): .failed(failure)
        default: nil
        }
    }

    static func needsConnection(_ action: ProductsAction) -> Bool { action == .addSelected || action == .quantitySubmitted }

    static func click(atY y: Int, x: Int, in state: ProductsState, area: Rect, keys: KeyOverrides) -> ProductsAction? {
        guard state.detail == nil, !state.capturesKeys else { return nil }
        let table = tableArea(state, inner: area.inset(horizontal: 1))
        guard table.contains(x: x, y: y) else { return nil }
        return Table(columns: [], rowCount: state.products.count) { _ in [] }.rowIndex(atY: y, in: table, state: state.table).map { .navigate(.to($0)) }
    }
}
