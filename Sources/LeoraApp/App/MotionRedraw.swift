import TerminalUI

/// A frame that differs from the last only where the orders list's selection moved (mutt's "motion"
/// redraw): the row the selection left, the row it reached and the status bar are drawn again, and
/// nothing else is rendered or compared. Anything else that changed, or anything drawn over the list
/// (a dialog, the help, a toast, the command line), leaves it to the whole frame.
///
/// A held `j` is motion after motion: each keeps the list's table it made, which the next one, starting
/// from the state this one drew, reuses instead of making it again.
struct MotionRedraw {
    /// What the last motion frame worked out for the state it drew.
    private struct Kept {
        var selected: Int
        var table: Table
        var area: Rect
        var size: (width: Int, height: Int)
    }

    private var kept: Kept?

    /// The frame on screen was drawn whole (or not drawn at all): nothing kept applies to it.
    mutating func frameDrawnWhole() { kept = nil }

    /// Draws into `scratch` (a buffer of the screen's size, its other rows left as they are) the rows
    /// whose cells differ between the frames of `old` and `new`, and returns their numbers; nil when `new`
    /// is not `old` with only the list's selection moved within the rows on screen. `old` is the state of
    /// the frame on screen: the `new` of this redraw's last call, unless `frameDrawnWhole()` was called since.
    /// It is given back as it came; meanwhile its selection is moved to `new`'s, so that the two compare
    /// whole in place (the loop's copy of it is the only one: nothing is copied or allocated for the check).
    mutating func draw(from old: inout AppState, to new: AppState, context: RenderContext, into scratch: inout Buffer) -> [Int]? {
        var kept = self.kept
        if let last = kept, last.selected != old.orders.table.selected || last.size != (scratch.width, scratch.height) { kept = nil }
        self.kept = nil
        let pane = Panes.route(.orders)
        guard old.phase == .main, new.tab == .orders, new.toast == nil, !new.showsHelp, new.palette == nil,
            AppKeymap.dialog(new) == nil, scratch.width >= AppView.minimumWidth, scratch.height >= AppView.minimumHeight,
            pane.isAvailable(to: new.permissions),
            let left = old.orders.table.selected, let reached = new.orders.table.selected, left != reached
        else { return nil }
        old.orders.table.selected = reached
        let onlyMoved = old == new
        old.orders.table.selected = left
        // The footer's hints are the same when no dialog is open in either and the pane's footer keymap is the
        // same: the rest they are made of (the overrides, the permissions) is in `onlyMoved`.
        guard onlyMoved, AppKeymap.dialog(old) == nil, pane.footer(new) == pane.footer(old) else { return nil }
        var context = context
        context.keyOverrides = new.keyOverrides
        let layout = AppView.layout(scratch.area)
        // The list's table is the last motion's (its state differed from this one's only in the selection,
        // which the table does not hold), else made.
        let table: Table
        let area: Rect
        if let kept {
            (table, area) = (kept.table, kept.area)
        } else if let made = OrdersScreen.plainList(new.orders, context: context, area: layout.content) {
            (table, area) = made
        } else {
            return nil
        }
        // The same rows on screen before and after, both rows among them: a move that scrolls is a whole frame.
        let visible = table.visibleRange(in: area, state: new.orders.table)
        guard visible == table.visibleRange(in: area, state: old.orders.table), visible.contains(left), visible.contains(reached) else { return nil }
        let rows = [left, reached].map { area.y + 1 + $0 - visible.lowerBound } + [layout.statusBar.y]
        for y in rows { scratch.fill(Rect(x: 0, y: y, width: scratch.width, height: 1)) }
        table.render(rows: [left, reached], into: &scratch, area: area, state: new.orders.table)
        AppView.drawStatusBar(new, context: context, into: &scratch, area: layout.statusBar)
        self.kept = Kept(selected: reached, table: table, area: area, size: (scratch.width, scratch.height))
        return rows
    }
}
