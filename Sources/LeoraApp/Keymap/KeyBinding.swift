import Foundation
import PortalAPI
import TerminalUI

/// One key binding, as data: dispatch, the footer hints and the `?` help overlay all read the same
/// list. A binding that needs a permission the user lacks is neither shown nor dispatched.
public struct KeyBinding: Sendable, Equatable {
    public var keys: [Key]
    /// Short name for the footer ("refresh").
    public var label: String
    /// A sentence for the help overlay.
    public var help: String
    public var action: AppAction
    /// The help overlay's group ("Global", "Orders"…).
    public var section: String
    public var permission: Permission?
    /// Further permissions the binding needs besides `permission` (checkout needs `cart:write` and `orders:write`).
    public var additionalPermissions: [Permission]
    /// Whether the footer lists it (the help overlay lists every visible binding).
    public var inFooter: Bool

    public init(
        _ keys: [Key], label: String, help: String, action: AppAction, section: String,
        permission: Permission? = nil, additionalPermissions: [Permission] = [], inFooter: Bool = true
    ) {
        self.additionalPermissions = additionalPermissions
        self.keys = keys
        self.label = label
        self.help = help
        self.action = action
        self.section = section
        self.permission = permission
        self.inFooter = inFooter
    }

    /// Whether someone holding `permissions` may see and use it.
    public func isAvailable(to permissions: Set<Permission>) -> Bool {
        // Read for every binding of a keymap at every key and frame: no array built.
        if let permission, !permissions.contains(permission) { return false }
        return additionalPermissions.allSatisfy(permissions.contains)
    }

    /// The name `config.yaml` rebinds it by: section and label, `orders.cancel`, `global.next-tab`,
    /// `choose-a-customer.choose`.
    public var id: String { [section, label].map { $0.lowercased().replacingOccurrences(of: " ", with: "-") }.joined(separator: ".") }

    /// How the keys are written in hints: "j/↓".
    public var keyLabel: String { Self.label(of: keys) }

    static func label(of keys: [Key]) -> String { keys.map(KeyName.of).joined(separator: "/") }

    /// The binding with the rep's keys.
    public func applying(_ overrides: KeyOverrides) -> KeyBinding {
        var binding = self
        if let keys = overrides.keys[id] { binding.keys = keys }
        return binding
    }
}

/// A list of bindings and the questions asked of it.
public struct Keymap: Sendable, Equatable {
    public var bindings: [KeyBinding]

    public init(_ bindings: [KeyBinding]) { self.bindings = bindings }

    /// The bindings for `actions` only, each named in the footer (a detail's keys, `Esc back` among them).
    public func footer(for actions: [AppAction]) -> Keymap {
        Keymap(bindings.filter { actions.contains($0.action) }.map { binding in
            var shown = binding
            shown.inFooter = true
            return shown
        })
    }

    public func visible(to permissions: Set<Permission>) -> [KeyBinding] {
        bindings.filter { $0.isAvailable(to: permissions) }
    }

    /// The action bound to `key`, unless the binding is hidden from this user.
    public func action(for key: Key, permissions: Set<Permission>) -> AppAction? {
        // The binding's index, not a copy of it (a binding holds strings and arrays): this runs at every key.
        bindings.firstIndex { $0.keys.contains(key) && $0.isAvailable(to: permissions) }.map { bindings[$0].action }
    }

    /// "j/↓ down  Enter open  …" for the footer.
    public func footerHints(permissions: Set<Permission>) -> [(keys: String, label: String)] {
        bindings.lazy.filter { $0.inFooter && $0.isAvailable(to: permissions) }.map { ($0.keyLabel, $0.label) }
    }

    /// The help overlay's lines, grouped by section in first-seen order.
    public func helpSections(permissions: Set<Permission>) -> [(section: String, bindings: [KeyBinding])] {
        var order: [String] = []
        var groups: [String: [KeyBinding]] = [:]
        for binding in visible(to: permissions) {
            if groups[binding.section] == nil { order.append(binding.section) }
            groups[binding.section, default: []].append(binding)
        }
        return order.map { ($0, groups[$0] ?? []) }
    }

    /// "y place order · Esc/n back" for a dialog's own footer: the bindings shown in footers.
    public var hint: String { bindings.filter(\.inFooter).map { $0.keyLabel + " " + $0.label }.joined(separator: " · ") }

    /// The binding with this id.
    public func binding(_ id: String) -> KeyBinding? { bindings.first { $0.id == id } }

    public static func + (lhs: Keymap, rhs: Keymap) -> Keymap { Keymap(lhs.bindings + rhs.bindings) }
}
