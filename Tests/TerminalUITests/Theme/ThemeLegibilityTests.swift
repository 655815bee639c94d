import Testing
@testable import TerminalUI

/// Every built-in theme stays usable at every colour depth: the selected row, the status bar, the
/// active tab, toasts and dialogs stay visible, and no colour outside the terminal's palette is asked for.
@Suite struct ThemeLegibilityTests {
    static let depths: [ColorDepth] = [.extended, .sixteen, .eight, .monochrome]

    /// A style as a person sees it: the two colours, and whether reverse swaps them.
    private func looksDifferent(_ a: ResolvedStyle, _ b: ResolvedStyle) -> Bool {
        func shown(_ style: ResolvedStyle) -> (TerminalColor, TerminalColor, Bool) {
            style.attributes.contains(.reverse) ? (style.background, style.foreground, true) : (style.foreground, style.background, false)
        }
        let (fa, ba, ra) = shown(a)
        let (fb, bb, rb) = shown(b)
        return fa != fb || ba != bb || ra != rb || a.attributes.subtracting(.dim) != b.attributes.subtracting(.dim)
    }

    private func isReadable(_ style: ResolvedStyle) -> Bool {
        style.foreground != style.background || style.foreground == .terminalDefault
    }

    private func withinPalette(_ style: ResolvedStyle, _ depth: ColorDepth) -> Bool {
        [style.foreground, style.background].allSatisfy { color in
            if case .index(let index) = color { return Int(index) < depth.paletteSize }
            return true
        }
    }

    @Test(arguments: Theme.builtinNames)
    func highlightsStayVisibleAtEveryDepth(name: String) throws {
        let theme = try #require(Theme.builtin(named: name))
        for depth in Self.depths {
            let row = theme.resolve(.plain, depth: depth)
            let selected = theme.resolve(Style(foreground: .role(.selectionText), background: .role(.selection)), depth: depth)
            let statusBar = theme.resolve(Style(foreground: .role(.statusBarText), background: .role(.statusBar)), depth: depth)
            let activeTab = theme.resolve(Style(.tabActive), depth: depth)
            let inactiveTab = theme.resolve(Style(.tabInactive), depth: depth)
            let toast = theme.resolve(Style(foreground: .role(.warning), background: .role(.surface)), depth: depth)
            for (label, style) in [("selected row", selected), ("status bar", statusBar), ("active tab", activeTab), ("toast", toast)] {
                #expect(isReadable(style), "\(name) at \(depth): \(label) is text on its own colour: \(style)")
                #expect(withinPalette(style, depth), "\(name) at \(depth): \(label) asks for a colour the terminal lacks: \(style)")
            }
            #expect(looksDifferent(selected, row), "\(name) at \(depth): the selected row looks like any row")
            #expect(looksDifferent(statusBar, row), "\(name) at \(depth): the status bar looks like the screen")
            #expect(looksDifferent(activeTab, inactiveTab), "\(name) at \(depth): the active tab looks like the others")
        }
    }

    @Test func brightColoursOnEightColourTerminalsBecomeTheirBaseInBold() throws {
        let theme = try #require(Theme.builtin(named: "default"))
        let style = theme.resolve(Style(foreground: .indexed(15), background: .indexed(4)), depth: .eight)
        #expect(style.foreground == .index(7))
        #expect(style.background == .index(4))
        #expect(style.attributes.contains(.bold))
    }

    @Test func greyTextOnEightColourTerminalsIsDimDefaultTextNotBlack() throws {
        let theme = try #require(Theme.builtin(named: "default"))
        let muted = theme.resolve(Style(.muted), depth: .eight)
        #expect(muted.foreground == .terminalDefault)
        #expect(muted.attributes.contains(.dim))
    }
}
