import LeoraKit
import PortalAPI
import TerminalUI
import Testing

@testable import LeoraApp

/// No key crashes the app: thousands of keys (and clicks) pressed at random on every pane, with
/// dialogs and prompts opening and closing as they come, each followed by the effects' answers and
/// a frame drawn at two sizes. A trap anywhere fails the whole test run.
@Suite struct AnyKeyTests {
    /// SplitMix64: the same keys on every run.
    struct Keys: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let alphabet: [Key] =
        (32...126).compactMap { UnicodeScalar($0).map { Key.character(Character($0)) } }
        + [.character("é"), .character("字")]
        + [.up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .escape, .backspace, .tab, .backTab, .delete]
        + "anpuwek".map { Key.control($0) } + [.function(1), .function(5)]
        + [.mouse(MouseEvent(kind: .click, x: 20, y: 5)), .mouse(MouseEvent(kind: .doubleClick, x: 20, y: 4)), .mouse(MouseEvent(kind: .wheelDown, x: 5, y: 5))]

    /// What `effect` sends, without the products pane's endless stock ticker.
    static func actions(of effect: Effect<AppAction>) async -> [AppAction] {
        switch effect {
        case .none, .cancel, .terminal: return []
        case .send(let action): return [action]
        case .merge(let effects):
            var all: [AppAction] = []
            for effect in effects { all += await actions(of: effect) }
            return all
        case .run(let id, let operation):
            // The stock ticker and the cart's observation run for as long as the pane or session does.
            guard id != ProductsScreen.stockTickerEffect, id != CartScreen.loadEffect else { return [] }
            return await Effect<AppAction>.run(id: id, operation: operation).collectActions()
        }
    }

    static func apply(_ action: AppAction, _ app: inout AppState, _ dependencies: AppDependencies, depth: Int = 0) async {
        let effect = AppReducer.sending(into: &app, action, dependencies)
        guard depth < 4 else { return }
        for next in await actions(of: effect) { await apply(next, &app, dependencies, depth: depth + 1) }
    }

    @Test(arguments: [AppTab.orders, .products, .cart, .briefing, .health, .customers])
    func randomKeysNeverCrash(on tab: AppTab) async {
        let dependencies = Fixtures.dependencies(cart: { Fixtures.cart(customer: CustomerReference(id: "cus_1", name: "Zürich Weinstube")) })
        var app = Fixtures.mainState(tab: tab)
        await Self.apply(.resized(width: 80, height: 24), &app, dependencies)
        await Self.apply(.cart(.observed(CartSnapshot(cart: Fixtures.cart(customer: CustomerReference(id: "cus_1", name: "Zürich Weinstube"))))), &app, dependencies)
        await Self.apply(.selectTab(tab), &app, dependencies)
        var keys = Keys(state: UInt64(tab.position + 1))
        var stepsInADialog = 0
        for step in 0..<400 {
            guard var key = Self.alphabet.randomElement(using: &keys) else { continue }
            // Quitting and logging out end the run too early to be interesting; a command line
            // left open would take every key.
            if key == .character("q") { continue }
            if app.palette != nil, key == .enter || step % 5 == 0 { key = .escape }
            await Self.apply(.key(key), &app, dependencies)
            if app.phase != .main || app.tab == .webhooks { await Self.apply(.selectTab(tab), &app, dependencies) }
            if step % 50 == 0 { await Self.apply(.connectivityChanged(online: step % 100 != 0), &app, dependencies) }
            if AppKeymap.dialog(app) != nil || app.cart.capturesKeys || app.products.capturesKeys || app.orders.capturesKeys || app.customers.search.isActive {
                stepsInADialog += 1
            }
            _ = Fixtures.render(app)
            if step % 4 == 0 { _ = Fixtures.render(app, width: 120, height: 35) }
        }
        if [.orders, .products, .cart].contains(tab) { #expect(stepsInADialog > 0, "the keys opened a dialog or prompt now and then") }
    }
}
