import Testing
import TerminalUI

@testable import NcursesBackend

@Suite struct ColorPairTableTests {
    @Test func pairsAreAllocatedOnceAndFallBackToTheDefaultWhenFull() {
        var table = ColorPairTable(capacity: 3)
        #expect(table.pair(foreground: .terminalDefault, background: .terminalDefault) == (0, false))
        #expect(table.pair(foreground: .index(1), background: .terminalDefault) == (1, true))
        #expect(table.pair(foreground: .index(1), background: .terminalDefault) == (1, false))
        #expect(table.pair(foreground: .index(2), background: .index(0)) == (2, true))
        #expect(table.pair(foreground: .index(3), background: .index(0)) == (0, false))
    }

    @Test func cursesNumbers() {
        #expect(TerminalColor.terminalDefault.cursesNumber == -1)
        #expect(TerminalColor.index(200).cursesNumber == 200)
    }
}
