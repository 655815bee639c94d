/// The panes of the main screen, in tab order: the router, the view, the keymaps and the mouse all
/// read this table. A new pane is its own file (conforming to `Pane`) plus its entry here, beside
/// its tab (`AppTab`: case, title, who sees it), its state (`AppState`), its action case
/// (`AppAction`) and that case in `AppReducer`'s list of pane actions; the compiler asks for each.
enum Panes {
    /// Built once: the loop reads it several times a key (routing, `isLoading`, the keymaps), and
    /// building it copies every pane's keymaps. Never changed after, so read from any thread.
    nonisolated(unsafe) static let all: [PaneRoute] = table()

    private static func table() -> [PaneRoute] {
        [
            PaneRoute(BriefingScreen.self, state: \.briefing, action: { .briefing($0) }) { if case .briefing(let action) = $0 { action } else { nil } },
            PaneRoute(OrdersScreen.self, state: \.orders, action: { .orders($0) }) { if case .orders(let action) = $0 { action } else { nil } },
            PaneRoute(ProductsScreen.self, state: \.products, action: { .products($0) }) { if case .products(let action) = $0 { action } else { nil } },
            PaneRoute(CartScreen.self, state: \.cart, action: { .cart($0) }) { if case .cart(let action) = $0 { action } else { nil } },
            PaneRoute(HealthScreen.self, state: \.health, action: { .health($0) }) { if case .health(let action) = $0 { action } else { nil } },
            PaneRoute(CustomersScreen.self, state: \.customers, action: { .customers($0) }) { if case .customers(let action) = $0 { action } else { nil } },
            PaneRoute(WebhooksScreen.self, state: \.webhooks, action: { .webhooks($0) }) { if case .webhooks(let action) = $0 { action } else { nil } },
        ]
    }

    /// The pane shown on `tab`.
    static func route(_ tab: AppTab) -> PaneRoute {
        guard let route = all.first(where: { $0.tab == tab }) else { preconditionFailure("no pane for \(tab)") }
        return route
    }
}
