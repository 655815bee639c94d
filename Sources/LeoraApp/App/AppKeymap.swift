import PortalAPI
import TerminalUI

/// The bindings active on the main screen everywhere, before the current pane's own.
public enum AppKeymap {
    public static let global = Keymap(
        AppTab.allCases.map(show) + [
            KeyBinding([.tab], label: "next tab", help: "Next tab", action: .nextTab, section: "Global", inFooter: false),
            KeyBinding([.backTab], label: "previous tab", help: "Previous tab", action: .previousTab, section: "Global", inFooter: false),
            refresh,
            KeyBinding([.character(":")], label: "command", help: "Type a command (:orders pending…)", action: .openPalette, section: "Global", inFooter: false),
            help,
            KeyBinding([.character("q")], label: "quit", help: "Quit leora", action: .quit, section: "Global"),
        ])

    public static let refresh = KeyBinding([.character("R")], label: "refresh", help: "Fetch the current pane again", action: .refresh, section: "Global")

    /// The number key that shows `tab`.
    public static func show(_ tab: AppTab) -> KeyBinding {
        KeyBinding(
            [.character(tab.numberKey)], label: tab.title.lowercased(), help: "Show \(tab.title)", action: .selectTab(tab), section: "Global",
            permission: tab.requiredPermission, inFooter: false)
    }

    static let help = KeyBinding([.character("?")], label: "help", help: "Show or hide this help", action: .toggleHelp, section: "Global")
    static let closeHelp = KeyBinding([.escape, .character("?"), .character("q")], label: "close", help: "Close this help", action: .toggleHelp, section: "Help")
    static let helpDown = KeyBinding([.character("j"), .down], label: "down", help: "Scroll the help down", action: .scrollHelp(1), section: "Help", inFooter: false)
    static let helpUp = KeyBinding([.character("k"), .up], label: "up", help: "Scroll the help up", action: .scrollHelp(-1), section: "Help", inFooter: false)

    /// The help overlay's keys while it is open.
    public static let helpOverlay = Keymap([
        closeHelp, helpDown, helpUp,
        KeyBinding([.pageDown, .character(" ")], label: "page down", help: "Scroll the help down a page", action: .scrollHelp(10), section: "Help", inFooter: false),
        KeyBinding([.pageUp], label: "page up", help: "Scroll the help up a page", action: .scrollHelp(-10), section: "Help", inFooter: false),
        KeyBinding([.character("g"), .home], label: "top", help: "Back to the top of the help", action: .scrollHelpToTop, section: "Help", inFooter: false),
    ])

    /// The `:` command line's keys; every other key edits the line.
    public static let palette = Keymap([
        KeyBinding([.enter], label: "run", help: "Run the command", action: .submitPalette, section: "Command line"),
        KeyBinding([.tab], label: "complete", help: "Complete the command, status or theme", action: .completePalette, section: "Command line"),
        KeyBinding([.escape], label: "close", help: "Close the command line", action: .closePalette, section: "Command line"),
    ])

    /// Every binding of the app, for checking `config.yaml`'s ids.
    public static var all: Keymap {
        AppTab.allCases.map { pane($0) + dialogs($0) }.reduce(global, +) + helpOverlay + palette + LoginScreen.keymap
    }

    /// The current pane's bindings, with the rep's keys.
    public static func pane(_ tab: AppTab, _ overrides: KeyOverrides = .none) -> Keymap {
        panes(tab).applying(overrides)
    }

    /// The global bindings, with the rep's keys.
    public static func global(_ overrides: KeyOverrides) -> Keymap { global.applying(overrides) }

    /// The keys of the dialog open on the current pane (the reorder question, the checkout
    /// confirmation), with the rep's keys. While one is open they are the only keys that work.
    public static func dialog(_ state: AppState) -> Keymap? {
        Panes.route(state.tab).dialog(state)?.applying(state.keyOverrides)
    }

    /// What `?` lists on a pane: its keys, its dialogs' keys, then the global ones (the help names
    /// its own keys in its title).
    public static func help(_ tab: AppTab, _ overrides: KeyOverrides = .none) -> Keymap {
        (panes(tab) + dialogs(tab)).applying(overrides) + global(overrides)
    }

    private static func dialogs(_ tab: AppTab) -> Keymap { Panes.route(tab).dialogKeymaps }
    private static func panes(_ tab: AppTab) -> Keymap { Panes.route(tab).keymap }

    /// What dispatches keys on the main screen: the pane first, then the global bindings.
    public static func active(_ tab: AppTab, _ overrides: KeyOverrides = .none) -> Keymap { pane(tab, overrides) + global(overrides) }

    /// What `key` does on `tab`'s pane: `active(tab, overrides).action(for:permissions:)`, without
    /// joining the two keymaps at every key.
    static func action(for key: Key, on tab: AppTab, _ overrides: KeyOverrides, permissions: Set<Permission>) -> AppAction? {
        pane(tab, overrides).action(for: key, permissions: permissions) ?? global(overrides).action(for: key, permissions: permissions)
    }
}
