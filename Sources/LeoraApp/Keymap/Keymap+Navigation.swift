import PortalAPI
import TerminalUI

extension Keymap {
    /// The keys every table pane moves with — j/↓, k/↑, PgDn, PgUp, g/Home, G/End — as bindings
    /// of `section` helping with "Next order", "Previous order"… (`row` is "order").
    static func tableNavigation(
        section: String, row: String, permission: Permission? = nil, paging: Bool = true, last: String? = nil,
        _ action: @escaping (TableMove) -> AppAction
    ) -> [KeyBinding] {
        var bindings = [
            KeyBinding([.character("j"), .down], label: "down", help: "Next \(row)", action: action(.by(1)), section: section, permission: permission, inFooter: false),
            KeyBinding([.character("k"), .up], label: "up", help: "Previous \(row)", action: action(.by(-1)), section: section, permission: permission, inFooter: false),
        ]
        if paging {
            bindings += [
                KeyBinding([.pageDown], label: "page down", help: "A page down", action: action(.pageDown), section: section, permission: permission, inFooter: false),
                KeyBinding([.pageUp], label: "page up", help: "A page up", action: action(.pageUp), section: section, permission: permission, inFooter: false),
            ]
        }
        return bindings + [
            KeyBinding([.character("g"), .home], label: "first", help: "First \(row)", action: action(.first), section: section, permission: permission, inFooter: false),
            KeyBinding(
                [.character("G"), .end], label: "last", help: last ?? "Last \(row)", action: action(.last), section: section, permission: permission, inFooter: false),
        ]
    }
}
