import LeoraKit
import PortalAPI
import TerminalUI
import Testing

@testable import LeoraApp

/// Typing a quantity: over the prefilled value, with its unit, and refused out of range — in the
/// products pane's "add to cart" and the cart's "set quantity" alike.
@Suite struct QuantityPromptTests {
    let dependencies = Fixtures.dependencies()

    /// The products pane with the catalogue loaded and the prompt open on `index`.
    func prompting(_ index: Int = 0) async -> ProductsState {
        var state = ProductsState()
        for action in await ProductsScreen.reduce(into: &state, .load, dependencies).collectActions() {
            _ = ProductsScreen.reduce(into: &state, action, dependencies)
        }
        _ = ProductsScreen.reduce(into: &state, .navigate(.to(index)), dependencies)
        _ = ProductsScreen.reduce(into: &state, .addSelected, dependencies)
        return state
    }

    /// Presses the keys; returns the delegate requests they made.
    @discardableResult
    func press(_ keys: [Key], _ state: inout ProductsState) -> [PaneDelegate] {
        keys.flatMap { key in
            // As the app dispatches them: the prompt's own keys first, then typing.
            let bound = ProductsScreen.quantityKeymap.action(for: key, permissions: Set(Permission.allCases))
            let action = bound?.action(of: ProductsScreen.self) ?? .key(key)
            return ProductsScreen.reduce(into: &state, action, dependencies).sentActions.compactMap(ProductsScreen.delegate)
        }
    }

    func typed(_ text: String) -> [Key] { text.map { .character($0) } }

    @Test func theFirstDigitReplacesThePrefilledOne() async {
        var state = await prompting()
        press(typed("6"), &state)
        #expect(state.quantityPrompt?.quantity.value == 6)
        #expect(press([.enter], &state) == [.addToCart(Fixtures.catalogue[0], quantity: 6)])
    }

    @Test func laterDigitsAppend() async {
        var state = await prompting()
        press(typed("25"), &state)
        #expect(state.quantityPrompt?.quantity.value == 25)
        #expect(press([.enter], &state) == [.addToCart(Fixtures.catalogue[0], quantity: 25)])
    }

    @Test func backspaceEditsThePrefilledValue() async {
        var state = await prompting()
        press([.backspace], &state)
        #expect(state.quantityPrompt?.quantity.input.text == "")
        press(typed("3") + [.backspace, .character("4")], &state)
        #expect(state.quantityPrompt?.quantity.value == 4)
        // Once edited, a digit goes after the cursor like any field.
        press([.left, .character("1")], &state)
        #expect(state.quantityPrompt?.quantity.value == 14)
    }

    @Test func outOfRangeIsRefusedWithAClearMessage() async {
        // Rioja: 40 available.
        var state = await prompting()
        for (text, refusal) in [("0", "Type 1 or more."), ("41", "Only 40 available."), ("", "Type a quantity.")] {
            press([.control("u")] + typed(text), &state)
            #expect(press([.enter], &state) == [], "\(text) was added")
            #expect(state.quantityPrompt?.quantity.refusal == refusal, "\(text)")
        }
        #expect(press([.control("u")] + typed("40") + [.enter], &state) == [.addToCart(Fixtures.catalogue[0], quantity: 40)])
    }

    @Test func aSaneMaximumHoldsWhenStockIsPlenty() {
        var field = QuantityField(prefilled: 1, available: 50_000)
        for character in "123456" { field.apply(.character(character)) }
        #expect(field.input.text == "12345", "five digits at most")
        #expect(field.submit() == nil)
        #expect(field.refusal == "At most 9,999 at a time.")
        field.apply(.backspace)
        #expect(field.refusal == nil, "an edit clears the refusal")
        #expect(field.submit() == 1234)
    }

    @Test func soldOutOrDiscontinuedNeverOpensThePrompt() async {
        // Prosecco: none available.
        var state = await prompting(1)
        #expect(state.quantityPrompt == nil)
        #expect(ProductsScreen.reduce(into: &state, .addSelected, dependencies).sentActions == [.delegate(.toast("Prosecco DOC is out of stock.", .warning))])
    }

    @Test func thePromptShowsTheUnitAndWhatIsWrongAt80x24() async {
        var app = Fixtures.mainState(tab: .products)
        app.products = await prompting()
        press(typed("2"), &app.products)
        expectScreen(
            Array(Fixtures.render(app)[7...15]),
            [
                "            ┌─ Add to cart ────────────────────────────────────────┐",
                "            │ Rioja Reserva 2018 — case of 12, $216.00 each; 40    │",
                "            │ available.                                           │",
                "            │                                                      │",
                "            │ Quantity: 2      = 2 cs (24 btl)                     │",
                "            │                                                      │",
                "            │                                                      │",
                "            │                               Enter add · Esc cancel │",
                "            └──────────────────────────────────────────────────────┘",
            ])
        press(typed("00"), &app.products)
        #expect(screenContains(Fixtures.render(app), "│ Only 40 available."))
        var bottles = Fixtures.mainState(tab: .products)
        bottles.products = await prompting(2)
        press(typed("6"), &bottles.products)
        #expect(screenContains(Fixtures.render(bottles), "Quantity: 6      = 6 btl"))
    }

    // MARK: The cart's line quantity

    func cartApp(_ dependencies: AppDependencies) -> AppState {
        var app = Fixtures.mainState(tab: .cart)
        _ = CartScreen.reduce(into: &app.cart, .observed(CartSnapshot(cart: Fixtures.cart(), updatedAt: Fixtures.now)), dependencies)
        app.cart.packSizes = ["prd_1": 12]
        return app
    }

    @Test func eTypesALinesQuantityOverTheCurrentOne() async {
        let set = CallRecorder<String>()
        let dependencies = Fixtures.dependencies(setCartQuantity: { id, quantity in
            await set.record("\(id)=\(quantity)")
            var cart = CartEstimate.setting(id, quantity: quantity, in: Fixtures.cart()) ?? Fixtures.cart()
            cart.version = 8
            return cart
        })
        var app = cartApp(dependencies)
        _ = AppReducer.sending(into: &app, .key(.character("e")), dependencies)
        #expect(app.cart.quantityPrompt?.quantity.input.text == "3")
        #expect(screenContains(Fixtures.render(app), "Rioja Reserva 2018 — now 3 cs (36 btl)."))
        _ = AppReducer.sending(into: &app, .key(.character("7")), dependencies)
        #expect(app.cart.quantityPrompt?.quantity.value == 7, "7, not 37")
        #expect(screenContains(Fixtures.render(app), "= 7 cs (84 btl)"))
        await dependencies.cart.cache.setQueryData(PortalQueryKeys.cart, Fixtures.cart())
        let store = AppStore(state: app, dependencies: dependencies)
        store.send(.cart(.load))
        store.send(.key(.enter))
        #expect(store.state.cart.quantityPrompt == nil)
        await eventually("the typed quantity, saved") {
            store.receive()
            return store.state.cart.cart?.items.first?.quantity == 7 && store.state.cart.isSaved
        }
        #expect(await set.values == ["itm_1=7"])
        store.cancelAll()
    }

    @Test func theCartPromptRefusesZeroAndKeepsPlusAndMinus() async {
        var app = cartApp(dependencies)
        _ = AppReducer.sending(into: &app, .key(.character("e")), dependencies)
        _ = AppReducer.sending(into: &app, .key(.character("0")), dependencies)
        #expect(AppReducer.sending(into: &app, .key(.enter), dependencies).isNone)
        #expect(app.cart.quantityPrompt?.quantity.refusal == "Type 1 or more.")
        _ = AppReducer.sending(into: &app, .key(.escape), dependencies)
        #expect(app.cart.quantityPrompt == nil)
        #expect(app.cart.cart == Fixtures.cart())
        // The same quantity again sends nothing.
        _ = AppReducer.sending(into: &app, .key(.character("e")), dependencies)
        #expect(AppReducer.sending(into: &app, .key(.enter), dependencies).isNone)
        #expect(app.cart.pendingChanges == 0)
        // Stepping still works.
        #expect(AppReducer.sending(into: &app, .key(.character("+")), dependencies).runIDs == [CartScreen.changeEffect(1)])
    }

    @Test func theQuantityKeyIsABinding() {
        let bindings = CartScreen.keymap.bindings.filter { $0.keys.contains(.character("e")) }
        #expect(bindings.map(\.action) == [.cart(.editQuantity)])
        let help = AppView.helpLines(Fixtures.mainState(tab: .cart)).map { $0.spans.map(\.text).joined() }
        #expect(help.contains { $0.contains("Type the line's quantity") })
    }
}
