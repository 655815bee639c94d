import PortalAPI
import Testing

@testable import LeoraApp

/// The reorder question is one piece, asked by the orders and the customers panes alike.
@Suite struct ReorderQuestionTests {
    let order = Fixtures.order(7)

    @Test func askingThenChoosingMakesTheReorderOnceAndCloses() {
        var question: ReorderQuestion?
        #expect(ReorderQuestion.reduce(&question, .ask(order, cartCustomer: nil)) == nil)
        #expect(question == ReorderQuestion(order: order, cartCustomer: nil))
        #expect(ReorderQuestion.reduce(&question, .chosen(.replace)) == .reorder(order, mode: .replace))
        #expect(question == nil)
        #expect(ReorderQuestion.reduce(&question, .chosen(.add)) == nil, "answered already: nothing more to reorder")
    }

    @Test func dismissingLeavesTheCartAlone() {
        var question: ReorderQuestion? = ReorderQuestion(order: order, cartCustomer: nil)
        #expect(ReorderQuestion.reduce(&question, .dismissed) == nil)
        #expect(question == nil)
    }

    @Test func eachPanesKeysAnswerItsOwnQuestion() {
        let keys: [(Keymap, AppAction)] = [
            (OrdersScreen.reorderKeymap, .orders(.reorderQuestion(.chosen(.replace)))),
            (CustomersScreen.reorderKeymap, .customers(.reorderQuestion(.chosen(.replace)))),
        ]
        for (keymap, replace) in keys {
            #expect(keymap.action(for: .character("x"), permissions: Set(Permission.allCases)) == replace)
            #expect(keymap.action(for: .character("x"), permissions: []) == nil, "replacing the cart needs cart:write")
        }
    }
}
