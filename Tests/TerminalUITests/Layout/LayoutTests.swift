import Testing
import TerminalUI

@Suite struct LayoutTests {
    @Test func headerBodyFooter() {
        let rects = Layout.vertical([.length(1), .fill(1), .length(1)]).split(Rect(width: 80, height: 24))
        #expect(rects == [
            Rect(x: 0, y: 0, width: 80, height: 1),
            Rect(x: 0, y: 1, width: 80, height: 22),
            Rect(x: 0, y: 23, width: 80, height: 1),
        ])
    }

    @Test func fillWeightsShareTheRestRemainderFirst() {
        #expect(Layout.sizes(for: [.fill(1), .fill(2)], total: 10) == [4, 6])
        #expect(Layout.sizes(for: [.length(3), .fill(1), .fill(1)], total: 10) == [3, 4, 3])
    }

    @Test func percentagesAndMinimums() {
        #expect(Layout.sizes(for: [.percentage(25), .percentage(50), .fill(1)], total: 80) == [20, 40, 20])
        #expect(Layout.sizes(for: [.min(10), .length(5)], total: 40) == [35, 5])
        #expect(Layout.sizes(for: [.min(10), .fill(1)], total: 12) == [11, 1])
    }

    @Test func horizontalWithSpacingAndOffsetArea() {
        let rects = Layout.horizontal([.length(10), .fill(1)], spacing: 2).split(Rect(x: 5, y: 3, width: 30, height: 4))
        #expect(rects == [Rect(x: 5, y: 3, width: 10, height: 4), Rect(x: 17, y: 3, width: 18, height: 4)])
    }

    @Test func tooLittleRoomNeverGivesNegativeSizesOrLeavesTheArea() {
        let area = Rect(x: 0, y: 0, width: 5, height: 3)
        for constraints: [Constraint] in [
            [.length(4), .length(4), .fill(1)],
            [.percentage(80), .percentage(80)],
            [.min(10), .min(10)],
            [.length(-3), .fill(-1), .percentage(150)],
        ] {
            for layout in [Layout.vertical(constraints, spacing: 1), Layout.horizontal(constraints, spacing: 1)] {
                for rect in layout.split(area) {
                    #expect(rect.width >= 0 && rect.height >= 0)
                    #expect(rect.intersection(area) == rect || rect.isEmpty, "\(rect)")
                }
            }
        }
        #expect(Layout.sizes(for: [.length(4), .length(4), .fill(1)], total: 5) == [4, 1, 0])
        #expect(Layout.vertical([.length(1), .fill(1)]).split(.zero).map(\.height) == [0, 0])
    }

    @Test func rectHelpers() {
        let area = Rect(width: 80, height: 24)
        #expect(area.centered(width: 40, height: 10) == Rect(x: 20, y: 7, width: 40, height: 10))
        #expect(area.centered(width: 100, height: 30) == area)
        #expect(area.inset(by: 1) == Rect(x: 1, y: 1, width: 78, height: 22))
        #expect(Rect(width: 1, height: 1).inset(by: 3) == Rect(width: 1, height: 1))
        #expect(Rect(width: -4, height: 2).width == 0)
    }
}
