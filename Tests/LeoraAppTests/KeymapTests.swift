import PortalAPI
import TerminalUI
import Testing

@testable import LeoraApp

@Suite struct KeymapTests {
    let keymap = Keymap([
        KeyBinding([.character("j"), .down], label: "down", help: "Next row", action: .orders(.navigate(.by(1))), section: "Orders"),
        KeyBinding([.character("a")], label: "add", help: "Add to the cart", action: .showToast("added", .success), section: "Products", permission: .cartWrite),
        KeyBinding([.character("c")], label: "cancel", help: "Cancel the order", action: .showToast("cancelled", .info), section: "Orders", permission: .ordersWrite),
    ])
    let viewer = Set(Role.viewer.permissions)
    let rep = Set(Role.salesRep.permissions)

    @Test func bindingsNeedingAMissingPermissionAreHiddenAndNotDispatched() {
        #expect(keymap.action(for: .character("a"), permissions: viewer) == nil)
        #expect(keymap.action(for: .character("c"), permissions: viewer) == nil)
        #expect(keymap.action(for: .character("a"), permissions: rep) == .showToast("added", .success))
        #expect(keymap.action(for: .down, permissions: viewer) == .orders(.navigate(.by(1))))
        #expect(keymap.footerHints(permissions: viewer).map(\.label) == ["down"])
        #expect(keymap.footerHints(permissions: rep).map(\.label) == ["down", "add", "cancel"])
    }

    @Test func helpIsGroupedBySectionFromTheSameList() {
        let sections = keymap.helpSections(permissions: rep)
        #expect(sections.map(\.section) == ["Orders", "Products"])
        #expect(sections[0].bindings.map(\.label) == ["down", "cancel"])
        #expect(keymap.helpSections(permissions: viewer).map(\.section) == ["Orders"])
        #expect(keymap.bindings[0].keyLabel == "j/↓")
    }

    @Test func theHelpOverlayListsEveryActiveBinding() {
        let state = Fixtures.mainState(tab: .orders)
        let help = AppView.helpLines(state).map { $0.spans.map(\.text).joined() }
        for binding in AppKeymap.active(.orders).visible(to: state.permissions) {
            #expect(help.contains { $0.contains(binding.help) }, "missing \(binding.help)")
        }
        #expect(help.first == "Orders")
        #expect(help.contains("Global"))
    }

    /// Issue 10 item 3: a help longer than the overlay wraps under itself instead of being cut.
    @Test(arguments: AppTab.allCases)
    func theHelpOverlayWrapsEveryHelpInFull(_ tab: AppTab) {
        var state = Fixtures.mainState(tab: tab, roles: [.admin])
        state.showsHelp = true
        // The overlay's text without its border, its rows run together.
        let screen = Fixtures.render(state, width: 80, height: 120).joined(separator: " ").replacingOccurrences(of: "│", with: " ")
        let words = screen.split(separator: " ").joined(separator: " ")
        for binding in AppKeymap.help(tab).visible(to: state.permissions) {
            #expect(words.contains(binding.help.split(separator: " ").joined(separator: " ")), "\(tab.title): \(binding.help) is cut")
        }
    }

    /// The router looks a key up in the pane's keymap and then the global one without joining them:
    /// for every key bound anywhere on the main screen, the same answer as the joined keymap.
    @Test func theRoutersLookupIsTheActiveKeymaps() {
        let overrides = KeyOverrides(keys: ["orders.cancel": [.character("X")], "global.quit": [.character("Q")]])
        for tab in AppTab.allCases {
            for permissions in [Set(Permission.allCases), Set(Role.viewer.permissions), []] {
                for keys in [KeyOverrides.none, overrides] {
                    let active = AppKeymap.active(tab, keys)
                    for key in Set(active.bindings.flatMap(\.keys)) {
                        #expect(
                            AppKeymap.action(for: key, on: tab, keys, permissions: permissions) == active.action(for: key, permissions: permissions),
                            "\(tab.title): \(key)")
                    }
                }
            }
        }
    }

    @Test func everyPaneKeepsTheGlobalKeysReachable() {
        let admin = Set(Permission.allCases)
        for tab in AppTab.allCases {
            let active = AppKeymap.active(tab)
            #expect(active.action(for: .character("q"), permissions: []) == .quit)
            #expect(active.action(for: .character("?"), permissions: []) == .toggleHelp)
            #expect(active.action(for: .character(tab.numberKey), permissions: admin) == .selectTab(tab))
        }
        #expect(AppKeymap.active(.briefing).action(for: .character("7"), permissions: []) == nil, "Webhooks is for admins only")
    }

    @Test func theHelpOverlayRendersOverThePane() {
        var state = Fixtures.mainState(tab: .health)
        state.showsHelp = true
        expectScreen(Fixtures.render(state), [
            " 1 Briefing │ 2 Orders │ 3 Products │ 4 Cart 3 │ 5 Health │ 6 Customers",
            " Checking the portal…",
            "",
            "",
            "            ┌─ Keys — ? or Esc to close ───────────────────────────┐",
            "            │ Global                                               │",
            "            │   1           Show Briefing                          │",
            "            │   2           Show Orders                            │",
            "            │   3           Show Products                          │",
            "            │   4           Show Cart                              │",
            "            │   5           Show Health                            │",
            "            │   6           Show Customers                         │",
            "            │   Tab         Next tab                               │",
            "            │   Shift-Tab   Previous tab                           │",
            "            │   R           Fetch the current pane again           │",
            "            │   :           Type a command (:orders pending…)      │",
            "            │   ?           Show or hide this help                 │",
            "            │   q           Quit leora                             │",
            "            └──────────────────────────────────────────────────────┘",
            "",
            "",
            "",
            "                                                      R refresh  ? help  q quit",
            " rep@northwind  ● online",
        ])
    }

    @Test func aTooSmallTerminalSaysSo() {
        let lines = Fixtures.render(Fixtures.mainState(), width: 50, height: 12)
        #expect(screenContains(lines, "Terminal too small"))
        #expect(screenContains(lines, "(50×12; leora needs 60×15)"))
    }
}
