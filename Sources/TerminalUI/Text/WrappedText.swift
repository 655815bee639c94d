/// Text broken into lines no wider than a number of terminal cells: words move to the next line
/// whole, words wider than a line are broken by grapheme, explicit newlines start a new line (an
/// empty line stays empty), runs of spaces between words become one space.
public struct WrappedText: Sendable, Hashable {
    /// The lines, each at most `width` cells wide (by ``DisplayWidth``).
    public let lines: [String]
    /// The width the text was wrapped to.
    public let width: Int

    public init(_ text: String, width: Int) {
        self.width = max(0, width)
        self.lines = WrappedText.wrap(text, width: max(0, width))
    }

    /// `text` wrapped to `width` cells; no lines at all when `width` is 0.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            wrapParagraph(paragraph, width: width, into: &lines)
        }
        return lines
    }

    private static func wrapParagraph(_ paragraph: Substring, width: Int, into lines: inout [String]) {
        var line = ""
        var lineWidth = 0
        var emitted = false
        func flush() {
            lines.append(line)
            line = ""
            lineWidth = 0
            emitted = true
        }
        for word in paragraph.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }) {
            let wordWidth = DisplayWidth.of(word)
            if lineWidth > 0 && lineWidth + 1 + wordWidth <= width {
                line += " " + word
                lineWidth += 1 + wordWidth
                continue
            }
            if lineWidth > 0 { flush() }
            if wordWidth <= width {
                line = String(word)
                lineWidth = wordWidth
                continue
            }
            for character in word {
                let cells = DisplayWidth.of(character)
                if lineWidth + cells > width && lineWidth > 0 { flush() }
                if cells > width { continue }
                line.append(character)
                lineWidth += cells
            }
        }
        if lineWidth > 0 || !emitted { flush() }
    }
}
