import PortalAPI
import Testing

@testable import LeoraApp

@Suite struct CommandPaletteTests {
    let dependencies = Fixtures.dependencies()
    let themes = ["default", "high-contrast", "light", "monochrome", "solarized-dark"]

    @Test func commandsAreReadWithTheirArguments() throws {
        #expect(try CommandPalette.parse("orders pending", themes: themes).get() == .orders(OrdersFilter(status: .pending)))
        #expect(try CommandPalette.parse("orders NW-1042", themes: themes).get() == .orders(OrdersFilter(query: "NW-1042")))
        #expect(try CommandPalette.parse("orders", themes: themes).get() == .orders(OrdersFilter()))
        #expect(try CommandPalette.parse("products rioja reserva", themes: themes).get() == .products(search: "rioja reserva"))
        #expect(try CommandPalette.parse("cart", themes: themes).get() == .show(.cart))
        #expect(try CommandPalette.parse("theme light", themes: themes).get() == .theme("light"))
        #expect(try CommandPalette.parse("  quit ", themes: themes).get() == .quit)
        #expect(throws: PaletteError.self) { try CommandPalette.parse("theme neon", themes: themes).get() }
        #expect(throws: PaletteError.self) { try CommandPalette.parse("launch", themes: themes).get() }
    }

    @Test func tabCompletesNamesStatusesAndThemes() {
        #expect(CommandPalette.complete("or", themes: themes) == "orders ")
        #expect(CommandPalette.complete("orders p", themes: themes) == "orders pending")
        #expect(CommandPalette.complete("theme s", themes: themes) == "theme solarized-dark")
        #expect(CommandPalette.complete("c", themes: themes) == "c", "cart or customers")
        #expect(CommandPalette.complete("ca", themes: themes) == "cart")
        #expect(CommandPalette.complete("cu", themes: themes) == "customers ")
        #expect(CommandPalette.complete("theme ", themes: themes) == "theme ")
        #expect(CommandPalette.completions(for: "theme ", themes: themes).count == 5)
        #expect(CommandPalette.complete("r", themes: themes) == "refresh")
        #expect(CommandPalette.complete("xyz", themes: themes) == "xyz")
    }

    @Test func theLineRunsAgainstTheApp() async {
        var app = Fixtures.mainState()
        app.themeNames = themes
        _ = AppReducer.sending(into: &app, .key(.character(":")), dependencies)
        for character in "orders shi" { _ = AppReducer.sending(into: &app, .key(.character(character)), dependencies) }
        #expect(screenContains(Fixtures.render(app), " :orders shi"))
        #expect(screenContains(Fixtures.render(app), "Tab: shipped"))
        _ = AppReducer.sending(into: &app, .key(.tab), dependencies)
        let effect = AppReducer.sending(into: &app, .key(.enter), dependencies)
        #expect(app.palette == nil)
        #expect(app.tab == .orders)
        #expect(app.orders.filter == OrdersFilter(status: .shipped))
        #expect(effect.runIDs.contains(OrdersScreen.pageEffect(1)))

        _ = AppReducer.sending(into: &app, .key(.character(":")), dependencies)
        for character in "theme light" { _ = AppReducer.sending(into: &app, .key(.character(character)), dependencies) }
        #expect(AppReducer.sending(into: &app, .key(.enter), dependencies).terminalRequests == [.applyTheme("light")])
    }

    @Test func aMistakeIsExplainedAndTheLineStaysOpen() {
        var app = Fixtures.mainState()
        _ = AppReducer.sending(into: &app, .key(.character(":")), dependencies)
        for character in "launch" { _ = AppReducer.sending(into: &app, .key(.character(character)), dependencies) }
        _ = AppReducer.sending(into: &app, .key(.enter), dependencies)
        #expect(app.palette?.message?.hasPrefix("Unknown command “launch”. Commands: briefing, orders") == true)
        #expect(screenContains(Fixtures.render(app), "Unknown command “launch”."))
        // Keys go to the line, not the keymap: `q` types, it does not quit.
        #expect(AppReducer.sending(into: &app, .key(.character("q")), dependencies).terminalRequests == [])
        #expect(app.palette?.input.text == "launchq")
        _ = AppReducer.sending(into: &app, .key(.escape), dependencies)
        #expect(app.palette == nil)
    }

    @Test func theHelpOverlayScrollsWhenItIsTallerThanTheScreen() {
        var app = Fixtures.mainState(tab: .orders)
        _ = AppReducer.sending(into: &app, .key(.character("?")), dependencies)
        let top = Fixtures.render(app, width: 80, height: 15)
        #expect(screenContains(top, "Keys — j/k scroll · Esc close"))
        #expect(screenContains(top, "Next order"))
        for _ in 0..<40 { _ = AppReducer.sending(into: &app, .key(.character("j")), dependencies) }
        let bottom = Fixtures.render(app, width: 80, height: 15)
        #expect(screenContains(bottom, "Quit leora"), "the last line can be reached")
        #expect(!screenContains(bottom, "Next order"))
        _ = AppReducer.sending(into: &app, .key(.escape), dependencies)
        #expect(!app.showsHelp)
    }
}
