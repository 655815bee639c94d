import PortalAPI
import Synchronization

/// A pane's place on the main screen, named by the pane's own file (`extension AppTab { static let
/// orders = AppTab("orders") }`); its order, title, number key and who sees it come from the pane's
/// entry in `Panes.all`.
public struct AppTab: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    /// The name's number in this process (one per name): tabs compare and hash by it, many times a key
    /// (every lookup of a pane and of its state), rather than by their names.
    private let number: Int

    init(_ name: String) {
        self.name = name
        number = Self.numbers.withLock { numbers in
            if let known = numbers[name] { return known }
            numbers[name] = numbers.count
            return numbers.count - 1
        }
    }

    private static let numbers = Mutex<[String: Int]>([:])

    public static func == (lhs: AppTab, rhs: AppTab) -> Bool { lhs.number == rhs.number }
    public func hash(into hasher: inout Hasher) { hasher.combine(number) }

    /// Every tab, in tab-bar order.
    public static var allCases: [AppTab] { Panes.all.map(\.tab) }

    /// The tabs someone holding `permissions` sees.
    public static func visible(to permissions: Set<Permission>) -> [AppTab] {
        allCases.filter { tab in tab.requiredPermission.map(permissions.contains) ?? true }
    }

    /// What someone needs to see the tab at all; nil when everyone sees it (a pane whose data a role
    /// may not read still shows, with its refusal).
    public var requiredPermission: Permission? { Panes.route(self).tabPermission }

    public var title: String { Panes.route(self).title }

    /// "1"…"7": the tab's place in the tab bar.
    public var numberKey: Character { Character(String(position + 1)) }

    /// The tab's place in the tab bar, from 0.
    public var position: Int { Panes.all.firstIndex { $0.tab == self } ?? 0 }

    public var description: String { name }
}
