import Testing
import TerminalUI

@Suite struct SparklineTests {
    @Test func barsScaleFromZeroToTheMaximum() {
        #expect(Sparkline.bars([0, 1, 2, 3, 4, 5, 6, 7]) == "▁▂▃▄▅▆▇█")
        #expect(Sparkline.bars([10, 20, 40]) == "▃▅█")
        #expect(Sparkline.bars([5, 5, 5]) == "███")
        #expect(Sparkline.bars([0, 0]) == "▁▁")
        #expect(Sparkline.bars([]) == "")
    }

    @Test func showsTheMostRecentValuesThatFit() {
        var buffer = Buffer(width: 10, height: 1)
        Sparkline(Array(stride(from: 0.0, through: 14.0, by: 1.0))).render(into: &buffer, area: Rect(x: 1, y: 0, width: 8, height: 1))
        // 7…14 scaled from 0 to 14: 7 is half way (▅), 14 full.
        expectScreen(buffer, [" ▅▅▆▆▇▇██"])
    }
}

@Suite struct ProgressBarTests {
    @Test func barsFillInEighths() {
        #expect(ProgressBar.bar(ratio: 0.5, width: 10) == ("█████", "░░░░░"))
        #expect(ProgressBar.bar(ratio: 0.55, width: 10) == ("█████▌", "░░░░"))
        #expect(ProgressBar.bar(ratio: 1.2, width: 4) == ("████", ""))
        #expect(ProgressBar.bar(ratio: -1, width: 4) == ("", "░░░░"))
    }

    @Test func confidenceBarWithPercentage() {
        var buffer = Buffer(width: 20, height: 1)
        let bar = ProgressBar.confidence(0.72)
        bar.render(into: &buffer, area: buffer.area)
        expectScreen(buffer, ["███████████▌░░░░ 72%"])
        #expect(buffer[0, 0].style == Style(.success))
        #expect(ProgressBar.confidence(0.2).filledStyle == Style(.danger))
    }
}

@Suite struct TabsTests {
    private let tabs = Tabs([
        .init("Briefing"), .init("Orders"), .init("Products"), .init("Cart", badge: "3"), .init("Health"),
    ], selected: 1)

    @Test func titlesBadgesAndSelection() {
        var buffer = screen()
        tabs.render(into: &buffer, area: Rect(x: 0, y: 0, width: 80, height: 1))
        expectScreen(buffer, [" Briefing │ Orders │ Products │ Cart 3 │ Health"])
        #expect(buffer[13, 0].style == Style(.tabActive))
        #expect(buffer[1, 0].style == Style(.tabInactive))
        #expect(buffer[37, 0].style == Style(.tabInactive).patched(with: Style(.badge)))
    }

    @Test func rectsForMouseClicks() {
        let rects = tabs.tabRects(in: Rect(x: 0, y: 0, width: 80, height: 1))
        #expect(rects.map(\.x) == [0, 11, 20, 31, 40])
        #expect(rects[3] == Rect(x: 31, y: 0, width: 8, height: 1))
    }

    @Test func narrowScreensCutTheLastTabs() {
        var buffer = Buffer(width: 30, height: 1)
        tabs.render(into: &buffer, area: buffer.area)
        expectScreen(buffer, [" Briefing │ Orders │ Products"])
    }
}

@Suite struct ListTests {
    @Test func selectionIsMarkedAndHighlighted() {
        var buffer = Buffer(width: 30, height: 3)
        List(["Bodega Ruiz", "東京ワインバー", "Café Lumière", "Harbour Bistro"])
            .render(into: &buffer, area: buffer.area, state: TableState(selected: 3))
        expectScreen(buffer, ["  東京ワインバー", "  Café Lumière", "› Harbour Bistro"])
        #expect(buffer[29, 2].style.background == .role(.selection))
    }
}

@Suite struct ParagraphAndModalTests {
    @Test func paragraphWrapsAndScrolls() {
        var buffer = Buffer(width: 24, height: 3)
        Paragraph("Revenue is up 12% on last week, led by Rioja reorders.", scroll: 1)
            .render(into: &buffer, area: Rect(x: 2, y: 0, width: 20, height: 2))
        expectScreen(buffer, ["  last week, led by", "  Rioja reorders."])
        #expect(Paragraph("Revenue is up 12% on last week, led by Rioja reorders.").lineCount(width: 20) == 3)
    }

    @Test func modalIsCentredWithTitleBodyAndFooter() {
        var buffer = screen()
        buffer.set(x: 0, y: 10, string: String(repeating: "x", count: 80))
        let reserved = Modal(
            title: "Checkout",
            body: "Place order for Bodega Ruiz? Total €1 234,50 (3 lines).",
            footer: "Enter confirm · Esc cancel",
            width: 40
        ).render(into: &buffer, area: buffer.area)
        expectScreen(buffer, [
            "", "", "", "", "", "", "", "", "",
            "                    ┌─ Checkout ───────────────────────────┐",
            "xxxxxxxxxxxxxxxxxxxx│ Place order for Bodega Ruiz? Total   │xxxxxxxxxxxxxxxxxxxx",
            "                    │ €1 234,50 (3 lines).                 │",
            "                    │                                      │",
            "                    │           Enter confirm · Esc cancel │",
            "                    └──────────────────────────────────────┘",
        ])
        #expect(reserved.isEmpty)
        #expect(buffer[21, 10].style.background == .role(.surface))
    }

    @Test func modalReservesRowsForAnInput() {
        var buffer = Buffer(width: 40, height: 10)
        let modal = Modal(title: "Quantity", body: "Rioja Reserva 2019", footer: "Enter add", reservedRows: 1, width: 30)
        let reserved = modal.render(into: &buffer, area: buffer.area)
        #expect(reserved == Rect(x: 7, y: 4, width: 26, height: 1))
        TextInput().render(into: &buffer, area: reserved, state: TextInputState(text: "6"))
        expectScreen(buffer, [
            "",
            "     ┌─ Quantity ─────────────────┐",
            "     │ Rioja Reserva 2019         │",
            "     │                            │",
            "     │ 6                          │",
            "     │                            │",
            "     │                  Enter add │",
            "     └────────────────────────────┘",
        ])
    }

    @Test func toastSitsInTheBottomRightCorner() {
        var buffer = Buffer(width: 40, height: 3)
        Toast("Stock changed: rolled back", kind: .danger).render(into: &buffer, area: buffer.area)
        expectScreen(buffer, ["", "", "           ✗ Stock changed: rolled back"])
        #expect(buffer[11, 2].style == Style(background: .role(.surface)).patched(with: Style(.danger, attributes: .bold)))
    }

    @Test func spinnerFrames() {
        let spinner = Spinner()
        #expect(spinner.frame(at: 0) == "⠋")
        #expect(spinner.frame(at: 11) == "⠙")
        #expect(spinner.frame(at: -1) == "⠏")
        #expect(spinner.frame(elapsed: .milliseconds(250)) == "⠹")
    }
}
