import Foundation
import PortalAPI
import TerminalUI

/// Draws the whole app for a state: tab bar, the current pane, footer hints, status bar, then the
/// toast and the help overlay above them. Pure: the same state and context give the same buffer.
public enum AppView {
    public static let minimumWidth = 60
    public static let minimumHeight = 15

    public static func render(_ state: AppState, context: RenderContext, into buffer: inout Buffer) {
        let area = buffer.area
        buffer.cursor = nil
        var context = context
        context.keyOverrides = state.keyOverrides
        guard area.width >= minimumWidth, area.height >= minimumHeight else {
            let lines = ["Terminal too small", "(\(area.width)×\(area.height); leora needs \(minimumWidth)×\(minimumHeight))"]
            for (index, line) in lines.enumerated() where index < area.height {
                let width = DisplayWidth.of(line)
                buffer.set(x: max(0, (area.width - width) / 2), y: max(0, area.height / 2 - 1) + index, string: line, maxWidth: area.width)
            }
            return
        }
        switch state.phase {
        case .starting:
            let text = "\(Spinner().frame(at: context.spinnerTick)) Starting…"
            buffer.set(x: max(0, (area.width - DisplayWidth.of(text)) / 2), y: area.height / 2, string: text, style: Style(.muted))
        case .login:
            LoginScreen.render(state.login, context: context, into: &buffer, area: area)
        case .main:
            renderMain(state, context: context, into: &buffer, area: area)
        }
    }

    /// The main screen's rows: the tab bar, the pane, the footer and the status bar.
    struct MainLayout {
        var tabBar: Rect
        var content: Rect
        var footer: Rect
        var statusBar: Rect
    }

    /// The one layout of the main screen: drawing, hit-testing and the panes' viewports all read it.
    static func layout(_ area: Rect) -> MainLayout {
        let rows = Layout.vertical([.length(1), .fill(1), .length(1), .length(1)]).split(area)
        return MainLayout(tabBar: rows[0], content: rows[1], footer: rows[2], statusBar: rows[3])
    }

    static func renderMain(_ state: AppState, context: RenderContext, into buffer: inout Buffer, area: Rect) {
        let layout = layout(area)
        let tabs = TabBarKey(permissions: state.permissions, tab: state.tab, cartItemCount: state.cartItemCount)
        Chrome.tabBar.render(tabs, area: layout.tabBar, into: &buffer) { buffer, area in
            tabBar(state, width: area.width).render(into: &buffer, area: area)
        }
        let content = layout.content
        let pane = Panes.route(state.tab)
        if pane.isAvailable(to: state.permissions) {
            pane.render(state, context, &buffer, content)
        } else {
            buffer.set(x: content.x + 1, y: content.y, string: pane.refusal, style: Style(.muted), maxWidth: max(0, content.width - 1))
        }
        if let palette = state.palette {
            renderPalette(palette, themes: state.themeNames, profiles: state.profileNames, into: &buffer, footer: layout.footer, above: content)
        } else {
            let hints = footerHints(state)
            Chrome.footer.render(hints, area: layout.footer, into: &buffer) { buffer, area in
                renderFooter(hints, into: &buffer, area: area)
            }
        }
        drawStatusBar(state, context: context, into: &buffer, area: layout.statusBar)
        if let toast = state.toast {
            // Over the footer's key hints for its few seconds, so the pane's last row stays readable;
            // above the footer while a dialog or the command line needs the footer.
            let overFooter = state.palette == nil && AppKeymap.dialog(state) == nil
            Toast(toast.message, kind: toast.kind).render(into: &buffer, area: overFooter ? layout.footer : content)
        }
        if state.showsHelp { renderHelp(state, into: &buffer, area: content) }
    }

    /// The tab bar, with the cart's item count. When the titles do not all fit in `width`, those
    /// farthest from the selected tab give way to their number alone, so every tab keeps its key
    /// on screen and the selected one its title.
    static func tabBar(_ state: AppState, width: Int) -> Tabs {
        let visible = AppTab.visible(to: state.permissions)
        let selected = visible.firstIndex(of: state.tab) ?? 0
        var tabs = visible.map { tab in Tabs.Tab("\(tab.numberKey) \(tab.title)", badge: tab == .cart ? state.cartItemCount.map(String.init) : nil) }
        // Each tab is its label and a space either side, with a divider between two.
        func barWidth() -> Int { tabs.reduce(-1) { sum, tab in sum + DisplayWidth.of(tab.title) + (tab.badge.map { DisplayWidth.of($0) + 1 } ?? 0) + 3 } }
        let byDistance = tabs.indices.filter { $0 != selected }.sorted { (abs($0 - selected), $0) > (abs($1 - selected), $1) }
        for index in byDistance where barWidth() > width { tabs[index].title = String(visible[index].numberKey) }
        return Tabs(tabs, selected: selected)
    }

    /// The panes' area on a terminal of this size.
    static func contentArea(width: Int, height: Int) -> Rect {
        layout(Rect(x: 0, y: 0, width: width, height: height)).content
    }

    /// The lines drawn around every pane, each kept with what it showed (`LineCache`): a key that changes
    /// nothing on them (`j` on a list) copies them into the frame instead of laying them out again.
    enum Chrome {
        static let tabBar = LineCache<TabBarKey>()
        static let footer = LineCache<FooterHints>()
        static let statusBar = LineCache<StatusLine.Left>()
    }

    /// All the tab bar shows: which tabs (by permission), the one selected and the cart's count.
    struct TabBarKey: Equatable, Sendable {
        var permissions: Set<Permission>
        var tab: AppTab
        var cartItemCount: Int?
    }

    /// The footer's key hints: the pane's from the left, the global ones on the right; while a dialog is
    /// open, its keys alone (`global` empty).
    struct FooterHints: Equatable, Sendable {
        var dialog: Bool
        var pane: [(keys: String, label: String)]
        var global: [(keys: String, label: String)]

        static func == (lhs: FooterHints, rhs: FooterHints) -> Bool {
            lhs.dialog == rhs.dialog && lhs.pane.elementsEqual(rhs.pane, by: ==) && lhs.global.elementsEqual(rhs.global, by: ==)
        }
    }

    static func footerHints(_ state: AppState) -> FooterHints {
        if let dialog = AppKeymap.dialog(state) {
            return FooterHints(dialog: true, pane: dialog.footerHints(permissions: state.permissions), global: [])
        }
        let permissions = state.permissions
        let global = AppKeymap.global(state.keyOverrides).footerHints(permissions: permissions)
        let pane = Panes.route(state.tab).footer(state).applying(state.keyOverrides)
        return FooterHints(dialog: false, pane: pane.footerHints(permissions: permissions), global: global)
    }

    /// The pane's hints from the left, as many as fit; the global ones (refresh, help, quit) on the
    /// right, so `?` is always there to find the rest. While a dialog is open, its keys alone.
    static func renderFooter(_ hints: FooterHints, into buffer: inout Buffer, area: Rect) {
        func width(_ hints: [(keys: String, label: String)]) -> Int {
            hints.reduce(0) { $0 + DisplayWidth.of($1.keys) + 1 + DisplayWidth.of($1.label) + 2 }
        }
        func draw(_ hints: [(keys: String, label: String)], from start: Int, limit: Int) {
            var x = start
            for hint in hints {
                guard x + width([hint]) - 2 <= limit else { break }
                x = buffer.set(x: x, y: area.y, string: hint.keys, style: Style(.accent).bold)
                x = buffer.set(x: x, y: area.y, string: " " + hint.label + "  ", style: Style(.muted), maxWidth: max(0, limit - x))
            }
        }
        if hints.dialog {
            draw(hints.pane, from: area.x + 1, limit: area.right)
            return
        }
        let globalStart = max(area.x + 1, area.right - width(hints.global) + 1)
        draw(hints.pane, from: area.x + 1, limit: globalStart - 2)
        draw(hints.global, from: globalStart, limit: area.right)
    }

    /// All the status bar shows: on the left who (profile and user), online or not, the cart changes
    /// waiting; on the right the list's position, the data's age and the spinner.
    struct StatusLine: Equatable, Sendable {
        struct Left: Equatable, Sendable {
            var identity: String
            var isOnline: Bool
            var waiting: String
        }

        var left: Left
        var right: String
    }

    static func statusLine(_ state: AppState, context: RenderContext) -> StatusLine {
        // Cart changes made offline that the portal has not had yet.
        let count = state.cart.queue.entries.count
        let waiting = count == 0 ? "" : "  \(count) change\(count == 1 ? "" : "s") waiting" + (state.cart.queue.conflict != nil ? " · conflict" : "")
        // The age of what is shown, as the portal gave it: offline, the copy kept ("cached 3 h ago").
        let age = state.currentPaneUpdatedAt.map { (state.isOnline ? "updated " : "cached ", TimeText.ago($0, now: context.now)) }
        let right = statusRight(
            spinner: state.isLoading ? Spinner().frame(at: context.spinnerTick) : nil, position: state.currentPanePosition, age: age)
        return StatusLine(left: .init(identity: state.identity, isOnline: state.isOnline, waiting: waiting), right: right)
    }

    /// "⠋ 12 of 640 · updated 3 min ago", each part there when given, written into the string's storage at
    /// once: it changes at every key, and joining it with `+` and interpolation went through the standard
    /// library's string growth and integer descriptions each time.
    static func statusRight(spinner: String?, position: ListPosition?, age: (prefix: String, ago: String)?) -> String {
        // 48: the spinner's space, two numbers of at most 19 digits, " of " and " · " (4 bytes each).
        let capacity = (spinner?.utf8.count ?? 0) + 48 + (age.map { $0.prefix.utf8.count + $0.ago.utf8.count } ?? 0)
        return String(unsafeUninitializedCapacity: capacity) { bytes in
            var end = 0
            func put(_ text: String) {
                for byte in text.utf8 {
                    bytes[end] = byte
                    end += 1
                }
            }
            func put(_ number: Int) {
                let start = end
                var rest = number.magnitude
                repeat {
                    bytes[end] = UInt8(ascii: "0") + UInt8(rest % 10)
                    end += 1
                    rest /= 10
                } while rest > 0
                bytes[start..<end].reverse()
            }
            if let spinner {
                put(spinner)
                put(" ")
            }
            if let position {
                put(position.index + 1)
                put(" of ")
                put(position.count)
                if age != nil { put(" · ") }
            }
            if let age {
                put(age.prefix)
                put(age.ago)
            }
            return end
        }
    }

    /// The status bar as the main screen draws it.
    static func drawStatusBar(_ state: AppState, context: RenderContext, into buffer: inout Buffer, area: Rect) {
        // The right of the status bar (the list's position, the data's age) changes with most keys: drawn
        // after the kept left part, not kept.
        let status = statusLine(state, context: context)
        let end = Chrome.statusBar.render(status.left, area: area, into: &buffer) { buffer, area in
            renderStatusBarLeft(status.left, into: &buffer, area: area)
        }
        renderStatusBarRight(status.right, after: end, into: &buffer, area: area)
    }

    static let statusBarStyle = Style(foreground: .role(.statusBarText), background: .role(.statusBar))

    /// The bar's background and its left part; returns the column after it.
    static func renderStatusBarLeft(_ line: StatusLine.Left, into buffer: inout Buffer, area: Rect) -> Int {
        let base = statusBarStyle
        buffer.fill(area, style: base)
        var x = buffer.set(x: area.x + 1, y: area.y, string: line.identity, style: base, maxWidth: area.width / 2)
        x += 2
        let badge = line.isOnline ? ("● online", Style(foreground: .role(.success), background: .role(.statusBar))) : ("● offline", Style(foreground: .role(.danger), background: .role(.statusBar)).bold)
        x = buffer.set(x: x, y: area.y, string: badge.0, style: badge.1, maxWidth: max(0, area.right - x))
        if !line.waiting.isEmpty {
            x = buffer.set(x: x, y: area.y, string: line.waiting, style: base.patched(with: Style(.warning)), maxWidth: max(0, area.right - x))
        }
        return x
    }

    /// The right part, right-aligned, when it fits after column `x`.
    static func renderStatusBarRight(_ right: String, after x: Int, into buffer: inout Buffer, area: Rect) {
        let width = DisplayWidth.of(right)
        if width > 0, area.right - 1 - width > x {
            buffer.set(x: area.right - 1 - width, y: area.y, string: right, style: statusBarStyle)
        }
    }

    /// The `:` line in the footer; above it, why the last command failed or what Tab would offer.
    static func renderPalette(_ palette: AppState.Palette, themes: [String], profiles: [String] = [], into buffer: inout Buffer, footer: Rect, above content: Rect) {
        let x = buffer.set(x: footer.x + 1, y: footer.y, string: ":", style: Style(.accent).bold)
        TextInput(placeholder: "orders pending · products rioja · theme light · quit", focused: true)
            .render(into: &buffer, area: Rect(x: x, y: footer.y, width: max(0, footer.right - x - 1), height: 1), state: palette.input)
        guard content.height > 0 else { return }
        let row = Rect(x: content.x, y: content.bottom - 1, width: content.width, height: 1)
        let surface = Style(background: .role(.surface))
        if let message = palette.message {
            buffer.fill(row, style: surface)
            buffer.set(x: row.x + 1, y: row.y, string: message, style: surface.patched(with: Style(.danger)), maxWidth: row.width - 2)
            return
        }
        let options = CommandPalette.completions(for: palette.input.text, themes: themes, profiles: profiles)
        guard !options.isEmpty else { return }
        buffer.fill(row, style: surface)
        let text = options.map { $0.split(separator: " ").last.map(String.init) ?? $0 }.joined(separator: "  ")
        buffer.set(x: row.x + 1, y: row.y, string: "Tab: " + text, style: surface.patched(with: Style(.muted)), maxWidth: row.width - 2)
    }

    /// The `?` overlay, written from the same keymaps that dispatch keys; a help longer than `width`
    /// wraps under itself rather than being cut.
    public static func helpLines(_ state: AppState, width: Int = .max) -> [StyledLine] {
        let keyColumn = 14
        var lines: [StyledLine] = []
        for group in AppKeymap.help(state.tab, state.keyOverrides).helpSections(permissions: state.permissions) {
            if !lines.isEmpty { lines.append(.blank) }
            lines.append(StyledLine(group.section, Style(.title).bold))
            for binding in group.bindings {
                var key = "  " + DisplayWidth.pad(binding.keyLabel, to: keyColumn - 2)
                if DisplayWidth.of(binding.keyLabel) >= keyColumn - 2 { key += " " }
                let text = width == .max ? [binding.help] : WrappedText.wrap(binding.help, width: max(8, width - DisplayWidth.of(key)))
                lines.append(StyledLine([.init(key, Style(.accent)), .init(text.first ?? "")]))
                let indent = String(repeating: " ", count: DisplayWidth.of(key))
                lines += text.dropFirst().map { StyledLine([.init(indent + $0)]) }
            }
        }
        return lines
    }

    static func renderHelp(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        let width = min(area.width - 2, 56)
        // Inside the border, a column of margin each side.
        let lines = helpLines(state, width: width - 4)
        let height = min(area.height, lines.count + 2)
        let box = area.centered(width: width, height: height)
        let surface = Style(background: .role(.surface))
        buffer.fill(box, style: surface)
        let scrolls = lines.count > height - 2
        let title: HintText =
            scrolls
            ? "Keys — \(key: AppKeymap.helpDown)/\(key: AppKeymap.helpUp) scroll · \(key: AppKeymap.closeHelp) close"
            : "Keys — \(key: AppKeymap.help) or \(key: AppKeymap.closeHelp) to close"

        let inside = Border(title: title.resolved(state.keyOverrides), style: surface.patched(with: Style(.border))).render(into: &buffer, area: box)
        let scroll = min(state.helpScroll, max(0, lines.count - inside.height))
        StyledLine.render(lines, scroll: scroll, into: &buffer, area: inside.inset(horizontal: 1))
    }
}
