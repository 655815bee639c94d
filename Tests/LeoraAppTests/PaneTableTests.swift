import PortalAPI
import Testing

@testable import LeoraApp

/// The pane table and the tabs agree: one pane per tab, and a tab hidden from a role is one whose
/// pane that role could not use anyway (so hiding it never hides something readable).
@Suite struct PaneTableTests {
    @Test func everyTabHasOnePaneAndItsNumberKeyIsItsPlace() {
        #expect(Set(AppTab.allCases.map(\.name)).count == Panes.all.count)
        #expect(AppTab.allCases.map(\.numberKey) == Array("1234567"))
        #expect(AppTab.allCases.map(\.title) == ["Briefing", "Orders", "Products", "Cart", "Health", "Customers", "Webhooks"])
    }

    @Test func aHiddenTabIsOneWhosePaneNeedsThatPermission() {
        for tab in AppTab.allCases {
            guard let required = tab.requiredPermission else { continue }
            #expect(Panes.route(tab).permission == required, "\(tab.title) is hidden without \(required.rawValue), its pane needs \(String(describing: Panes.route(tab).permission))")
        }
    }

    @Test func theNumberKeysFollowWhoSeesTheTab() {
        let viewer = Set(Role.viewer.permissions)
        let admin = Set(Role.admin.permissions)
        #expect(!AppTab.visible(to: viewer).contains(.webhooks))
        #expect(AppTab.visible(to: admin).contains(.webhooks))
        #expect(AppKeymap.show(.webhooks).isAvailable(to: viewer) == false)
        #expect(AppKeymap.show(.customers).isAvailable(to: viewer))
    }
}
