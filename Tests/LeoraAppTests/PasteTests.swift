import PortalAPI
import TerminalUI
import Testing

@testable import LeoraApp

/// A bracketed paste is text for the focused field, never keys: pasting `xyz⌫⌫⌫⏎cy` into the orders
/// search once cancelled the selected pending order.
@Suite struct PasteTests {
    static let hostilePaste = "xyz\u{7F}\u{7F}\u{7F}\rcy"
    let dependencies = Fixtures.dependencies()

    func ordersShown() async -> AppState {
        var state = Fixtures.mainState(tab: .orders)
        let effect = AppReducer.reduce(into: &state, .orders(.load), dependencies)
        for action in await effect.collectActions() where action.isOrdersPage { _ = AppReducer.reduce(into: &state, action, dependencies) }
        #expect(state.orders.selectedOrder?.status == "pending")
        return state
    }

    @Test func aPasteIntoTheOrdersSearchIsItsTextWithoutControlCharacters() async {
        var state = await ordersShown()
        _ = AppReducer.reduce(into: &state, .key(.character("/")), dependencies)
        #expect(state.orders.search.isActive)
        let effect = AppReducer.reduce(into: &state, .key(.paste(Self.hostilePaste)), dependencies)
        #expect(effect.isNone)
        #expect(state.orders.search.isActive, "the line feed did not submit the search")
        #expect(state.orders.search.input.text == "xyzcy")
        #expect(state.orders.confirmingCancel == nil && state.orders.cancellingID == nil, "no c, no y")
    }

    @Test func aPasteOutsideATextFieldIsIgnored() async {
        var state = await ordersShown()
        let before = state
        for paste in ["c", "cy", Self.hostilePaste, "q", "2"] {
            let effect = AppReducer.reduce(into: &state, .key(.paste(paste)), dependencies)
            #expect(effect.isNone, "\(paste.debugDescription) ran something")
        }
        #expect(state == before)
    }

    @Test func aPasteGoesIntoTheFocusedLoginField() {
        var state = AppState(server: "http://127.0.0.1:8787")
        state.phase = .login
        _ = AppReducer.reduce(into: &state, .key(.paste("rep@northwind.test\r\n")), dependencies)
        #expect(state.login.email.text == "rep@northwind.test")
        #expect(!state.login.isSubmitting, "the line break did not submit the form")
    }

    @Test func aFieldKeepsOnlyWhatItAllowsOfAPaste() {
        var quantity = TextInputState()
        TextEditing.apply(.paste("1\t2a3\u{1B}[A"), to: &quantity, allowed: { $0.isASCII && $0.isNumber })
        #expect(quantity.text == "123")
    }

    @Test func aQuantityTakesOnlyTheDigitsOfAPasteReplacingThePrefilledValue() {
        var field = QuantityField(prefilled: 1)
        field.apply(.paste("1\n2a3"))
        #expect(field.input.text == "123")
        field.apply(.paste("456789"))
        #expect(field.input.text == "12345", "no more digits than the field takes")
        field.apply(.paste("letters only"))
        #expect(field.input.text == "12345")
    }

    @Test func aPasteHasAName() {
        #expect(KeyName.of(.paste("anything")) == "paste")
    }
}
