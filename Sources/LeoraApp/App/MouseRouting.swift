import TerminalUI

/// What a click or the wheel means on the main screen (with `--mouse` or `mouse: true`): a click
/// on a tab shows it, a click on a row selects it and a double click opens it, the wheel moves
/// three rows. Hit-testing uses the same layout functions as drawing.
enum MouseRouting {
    static let wheelRows = 3

    static func actions(for event: MouseEvent, in state: AppState) -> [AppAction] {
        guard state.phase == .main, state.screenWidth >= AppView.minimumWidth, state.screenHeight >= AppView.minimumHeight else { return [] }
        switch event.kind {
        case .wheelUp: return Array(repeating: .key(.up), count: wheelRows)
        case .wheelDown: return Array(repeating: .key(.down), count: wheelRows)
        case .click, .doubleClick:
            guard !state.showsHelp, state.palette == nil else { return [] }
            let layout = AppView.layout(Rect(x: 0, y: 0, width: state.screenWidth, height: state.screenHeight))
            if layout.tabBar.contains(x: event.x, y: event.y) {
                let rects = AppView.tabBar(state, width: layout.tabBar.width).tabRects(in: layout.tabBar)
                let tabs = AppTab.visible(to: state.permissions)
                guard let index = rects.firstIndex(where: { $0.contains(x: event.x, y: event.y) }), tabs.indices.contains(index) else { return [] }
                return [.selectTab(tabs[index])]
            }
            guard let select = rowSelection(at: event, in: state) else { return [] }
            return event.kind == .doubleClick ? [select, .key(.enter)] : [select]
        default:
            return []
        }
    }

    /// Selecting the table row under the pointer on the current pane, if there is one.
    private static func rowSelection(at event: MouseEvent, in state: AppState) -> AppAction? {
        let content = AppView.contentArea(width: state.screenWidth, height: state.screenHeight)
        return Panes.route(state.tab).click(event.y, event.x, state, content)
    }
}
