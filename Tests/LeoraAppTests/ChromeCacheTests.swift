import Foundation
import PortalAPI
import Testing
import TerminalUI

@testable import LeoraApp

/// Issue 13: the tab bar, the footer and the status bar are copied from the frame before when what they
/// show did not change (`AppView.Chrome`); whatever changes them — the tab, the role, the cart's count,
/// the connection, the list's position, a dialog, the size — draws them anew, exactly as drawn without
/// the cache.
@Suite struct ChromeCacheTests {
    /// The three chrome rows of a whole frame, and the same rows drawn directly, without any cache.
    static func chrome(_ state: AppState, width: Int = 100, height: Int = 24) -> (cached: [String], direct: [String]) {
        var frame = Buffer(width: width, height: height)
        AppView.render(state, context: RenderContext(now: Fixtures.now, timeZone: Fixtures.chicago), into: &frame)
        var direct = Buffer(width: width, height: height)
        let layout = AppView.layout(direct.area)
        AppView.tabBar(state, width: layout.tabBar.width).render(into: &direct, area: layout.tabBar)
        AppView.renderFooter(AppView.footerHints(state), into: &direct, area: layout.footer)
        let context = RenderContext(now: Fixtures.now, timeZone: Fixtures.chicago)
        // Both halves of the status bar, neither from the cache.
        let status = AppView.statusLine(state, context: context)
        let end = AppView.renderStatusBarLeft(status.left, into: &direct, area: layout.statusBar)
        AppView.renderStatusBarRight(status.right, after: end, into: &direct, area: layout.statusBar)
        // The command line takes the footer's place (not cached).
        let rows = state.palette == nil ? [layout.tabBar.y, layout.footer.y, layout.statusBar.y] : [layout.tabBar.y, layout.statusBar.y]
        let frameLines = frame.lines(trimmingTrailingSpaces: true)
        let directLines = direct.lines(trimmingTrailingSpaces: true)
        // Styles too: compare the cells, row by row.
        for y in rows {
            for x in 0..<width where frame[x, y] != direct[x, y] {
                Issue.record("row \(y) column \(x): \(frame[x, y]) drawn, \(direct[x, y]) expected")
                break
            }
        }
        return (rows.map { frameLines[$0] }, rows.map { directLines[$0] })
    }

    @Test func everyChangeOfWhatTheChromeShowsRedrawsIt() {
        var state = Fixtures.mainState(tab: .briefing)
        var seen: [[String]] = []
        func check(_ why: String, width: Int = 100, sourceLocation: SourceLocation = #_sourceLocation) {
            // Twice: drawn, then copied from the cache.
            for _ in 0..<2 {
                let (cached, direct) = Self.chrome(state, width: width)
                #expect(cached == direct, "\(why)", sourceLocation: sourceLocation)
                seen.append(cached)
            }
        }
        check("first frame")
        state.tab = .orders
        check("another tab")
        #expect(seen[2] != seen[0], "the tab bar and the footer follow the tab")
        state.isOnline = false
        check("offline")
        #expect(seen[4].last?.contains("offline") == true)
        state.isOnline = true
        state.cart.cart = Fixtures.cart()
        check("the cart's count")
        #expect(seen[6][0].contains("5"))
        state.session = Fixtures.session(roles: [.admin])
        check("another role")
        state.palette = AppState.Palette()
        check("the command line over the footer")
        state.palette = nil
        check("the footer back", width: 70)
        check("wider again", width: 120)
        #expect(seen.last != seen[seen.count - 3])
    }
}
