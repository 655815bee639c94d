import Testing
import TerminalUI

/// Compares a buffer's rows (trailing spaces trimmed) with the expected rows; missing expected rows
/// at the end mean blank rows. A failure prints the whole screen.
func expectScreen(_ buffer: Buffer, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    let padded = expected + Array(repeating: "", count: max(0, buffer.height - expected.count))
    let actual = buffer.lines(trimmingTrailingSpaces: true)
    #expect(actual == padded, "screen was:\n\(buffer.screenshot)", sourceLocation: sourceLocation)
}

/// A blank 80×24 screen.
func screen(width: Int = 80, height: Int = 24) -> Buffer {
    Buffer(width: width, height: height)
}
