/// The panes of the main screen, in tab order: the router, the view, the keymaps and the mouse all
/// read this table. A new pane is its own file (conforming to `Pane`, naming its tab, its state and
/// its actions for the app, as `OrdersScreen` does) plus its line here.
enum Panes {
    /// Built once: the loop reads it several times a key (routing, `isLoading`, the keymaps), and
    /// building it copies every pane's keymaps. Never changed after, so read from any thread.
    nonisolated(unsafe) static let all: [PaneRoute] = [
        PaneRoute(BriefingScreen.self),
        PaneRoute(OrdersScreen.self),
        PaneRoute(ProductsScreen.self),
        PaneRoute(CartScreen.self),
        PaneRoute(HealthScreen.self),
        PaneRoute(CustomersScreen.self),
        PaneRoute(WebhooksScreen.self),
    ]

    /// The pane shown on `tab`.
    static func route(_ tab: AppTab) -> PaneRoute {
        guard let route = all.first(where: { $0.tab == tab }) else { preconditionFailure("no pane for \(tab)") }
        return route
    }
}
