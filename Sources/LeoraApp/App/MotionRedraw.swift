import TerminalUI

/// A frame that differs from the last only where the orders list's selection moved (mutt's "motion"
/// redraw): the row the selection left, the row it reached and the status bar are drawn again, and
/// nothing else is rendered or compared. Anything else that changed, or anything drawn over the list
/// (a dialog, the help, a toast, the command line), leaves it to the whole frame.
enum MotionRedraw {
    /// Draws into `scratch` (a buffer of the screen's size, its other rows left as they are) the rows
    /// whose cells differ between the frames of `old` and `new`, and returns their numbers; nil when `new`
    /// is not `old` with only the list's selection moved within the rows on screen.
    static func draw(from old: AppState, to new: AppState, context: RenderContext, into scratch: inout Buffer) -> [Int]? {
        guard old.phase == .main, new.tab == .orders, new.toast == nil, !new.showsHelp, new.palette == nil,
            AppKeymap.dialog(new) == nil, scratch.width >= AppView.minimumWidth, scratch.height >= AppView.minimumHeight,
            Panes.route(.orders).isAvailable(to: new.permissions),
            let left = old.orders.table.selected, let reached = new.orders.table.selected, left != reached
        else { return nil }
        var unmoved = new
        unmoved.orders.table.selected = left
        guard unmoved == old, AppView.footerHints(old) == AppView.footerHints(new) else { return nil }
        var context = context
        context.keyOverrides = new.keyOverrides
        let layout = AppView.layout(scratch.area)
        guard let (table, area) = OrdersScreen.plainList(new.orders, context: context, area: layout.content) else { return nil }
        // The same rows on screen before and after, both rows among them: a move that scrolls is a whole frame.
        let visible = table.visibleRange(in: area, state: new.orders.table)
        guard visible == table.visibleRange(in: area, state: old.orders.table), visible.contains(left), visible.contains(reached) else { return nil }
        let rows = [left, reached].map { area.y + 1 + $0 - visible.lowerBound } + [layout.statusBar.y]
        for y in rows { scratch.fill(Rect(x: 0, y: y, width: scratch.width, height: 1)) }
        table.render(rows: [left, reached], into: &scratch, area: area, state: new.orders.table)
        AppView.drawStatusBar(new, context: context, into: &scratch, area: layout.statusBar)
        return rows
    }
}
