import TerminalUI

/// Keys the rep rebound in `config.yaml`, by binding id (`orders.cancel`). A rebound binding
/// answers to its new keys only, in dispatch, the footer and the help overlay alike.
public struct KeyOverrides: Sendable, Equatable {
    public static let none = KeyOverrides(keys: [:])

    public var keys: [String: [Key]]

    public init(keys: [String: [Key]]) { self.keys = keys }

    /// Reads the config's `keys:` against the bindings that exist (`known`, asked for only when
    /// something is written: most configs rebind nothing, and listing every binding's id costs a
    /// start-up time); what cannot be used is named in `problems` and left out.
    public static func parse(_ written: [String: [String]], known: @autoclosure () -> Set<String>) -> (overrides: KeyOverrides, problems: [String]) {
        var keys: [String: [Key]] = [:]
        var problems: [String] = []
        guard !written.isEmpty else { return (KeyOverrides(keys: keys), problems) }
        let known = known()
        for (id, names) in written.sorted(by: { $0.key < $1.key }) {
            guard known.contains(id) else {
                problems.append("no key binding “\(id)”")
                continue
            }
            let parsed = names.map { ($0, KeyName.parse($0)) }
            let unknown = parsed.filter { $0.1 == nil }.map(\.0)
            guard unknown.isEmpty, !names.isEmpty else {
                problems.append("“\(unknown.first ?? "")” for \(id) is not a key name")
                continue
            }
            keys[id] = parsed.compactMap(\.1)
        }
        return (KeyOverrides(keys: keys), problems)
    }
}

extension Keymap {
    /// The same bindings with the rep's keys.
    public func applying(_ overrides: KeyOverrides) -> Keymap {
        guard !overrides.keys.isEmpty else { return self }
        return Keymap(bindings.map { $0.applying(overrides) })
    }
}
