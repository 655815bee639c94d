import Foundation
import PortalAPI
import Testing

@testable import LeoraApp
@testable import TerminalUI

/// Issue 13: a move of the orders list's selection draws only the rows it changed (`MotionRedraw`); the
/// screen it leaves is, cell for cell and colour for colour, the frame drawn whole.
@Suite struct MotionRedrawTests {
    static let context = RenderContext(now: Fixtures.now, timeZone: Fixtures.chicago)

    static func ordersApp(width: Int, height: Int) -> AppState {
        var app = Fixtures.mainState(tab: .orders)
        app.orders.area = AppView.contentArea(width: width, height: height)
        let statuses = ["pending", "confirmed", "shipped", "delivered", "cancelled"]
        app.orders.pages[1] = (0..<50).map { Fixtures.order($0, status: statuses[$0 % 5]) }
        app.orders.pages[2] = (50..<100).map { Fixtures.order($0, status: statuses[$0 % 3]) }
        app.orders.total = 140  // pages 3 and beyond not loaded: rows drawn as "…"
        app.orders.table = TableState(selected: 0)
        return app
    }

    static func frame(_ app: AppState, width: Int, height: Int) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        AppView.render(app, context: context, into: &buffer)
        return buffer
    }

    /// Random moves (most by a row, some far, some that scroll) with a toast, the help and a dialog
    /// coming and going: after each, the screen patched with the motion rows, or drawn whole when
    /// `MotionRedraw` declines, is the frame drawn whole.
    @Test(arguments: [(120, 35), (80, 24), (60, 15)])
    func theScreenAfterEachMoveIsTheWholeFrame(size: (width: Int, height: Int)) {
        var generator = SystemRandomNumberGenerator()
        var app = Self.ordersApp(width: size.width, height: size.height)
        var screen = Self.frame(app, width: size.width, height: size.height)
        var scratch = Buffer(width: size.width, height: size.height)
        var motions = 0
        var motion = MotionRedraw()
        for step in 0..<400 {
            var next = app
            let visibleRows = next.orders.visibleRows
            // What is drawn over the list comes for a step or two.
            if Bool.random(using: &generator) {
                next.toast = nil
                next.showsHelp = false
                next.orders.confirmingCancel = nil
            }
            switch Int.random(in: 0..<20, using: &generator) {
            case 0..<13: next.orders.table.apply(.by([-1, 1].randomElement(using: &generator)!), rowCount: 140, visibleRows: visibleRows)
            case 13: next.orders.table.apply(.to(Int.random(in: 0..<140, using: &generator)), rowCount: 140, visibleRows: visibleRows)
            case 14: next.toast = AppState.ToastMessage(id: step, message: "Saved 東京", kind: .info)
            case 15: next.showsHelp = true
            case 16: next.orders.confirmingCancel = next.orders.selectedOrder
            case 17: next.isOnline.toggle()
            case 18: next.orders.table.selected = Int.random(in: 0..<140, using: &generator)
            default: break
            }
            let drawn = app
            let rows = motion.draw(from: &app, to: next, context: Self.context, into: &scratch)
            // The state on screen is lent to the check and given back as it was.
            #expect(app == drawn, "step \(step)")
            if let rows {
                motions += 1
                for y in rows { screen.replaceRow(y, from: scratch) }
            } else {
                screen = Self.frame(next, width: size.width, height: size.height)
                motion.frameDrawnWhole()
            }
            let whole = Self.frame(next, width: size.width, height: size.height)
            #expect(screen == whole, "step \(step)\n\(screen.screenshot)\n\(whole.screenshot)")
            if screen != whole { return }
            app = next
        }
        #expect(motions > 50, "the motion path was taken \(motions) times")
    }

    /// A change besides the selection (here the connection) is a whole frame, not a motion.
    @Test func anyOtherChangeIsAWholeFrame() {
        var app = Self.ordersApp(width: 120, height: 35)
        var scratch = Buffer(width: 120, height: 35)
        var next = app
        next.orders.table.selected = 1
        var motion = MotionRedraw()
        #expect(motion.draw(from: &app, to: next, context: Self.context, into: &scratch)?.count == 3)
        next.isOnline = false
        motion.frameDrawnWhole()
        #expect(motion.draw(from: &app, to: next, context: Self.context, into: &scratch) == nil)
        #expect(app.orders.table.selected != next.orders.table.selected, "the state on screen keeps its own selection")
    }
}
