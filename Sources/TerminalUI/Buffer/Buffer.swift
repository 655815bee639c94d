/// A width×height grid of ``Cell``s that widgets draw into. A frame is rendered into a blank
/// buffer, compared with the previous frame's (``diff(from:)``), and only the changes reach the
/// terminal.
///
/// Drawing keeps wide characters whole: text is clipped by display width, a wide character that
/// would straddle the right edge of the clip becomes a space, and overwriting either half of a wide
/// character blanks the other half.
public struct Buffer: Sendable, Hashable {
    public let width: Int
    public let height: Int
    /// Row-major: the cell at (x, y) is `cells[y * width + x]`.
    public internal(set) var cells: [Cell]
    /// Where the terminal's cursor should be shown after drawing this buffer (nil: hidden).
    public var cursor: Position?

    public init(width: Int, height: Int, filledWith cell: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: cell, count: self.width * self.height)
    }

    /// Blank again, `width`×`height`, in the cells' own storage when the size is unchanged: the next frame
    /// drawn into the one the terminal let go of allocates nothing.
    public mutating func clear(width: Int, height: Int) {
        guard width == self.width, height == self.height else {
            self = Buffer(width: width, height: height)
            return
        }
        cursor = nil
        cells.withUnsafeMutableBufferPointer { $0.update(repeating: .blank) }
    }

    /// Row `y` of `other` (a buffer of the same width) in place of this buffer's row `y`.
    public mutating func replaceRow(_ y: Int, from other: Buffer) {
        guard other.width == width, y >= 0, y < height, y < other.height else { return }
        cells.replaceSubrange(y * width..<(y + 1) * width, with: other.cells[y * width..<(y + 1) * width])
    }

    public init(area: Rect, filledWith cell: Cell = .blank) {
        self.init(width: area.right, height: area.bottom, filledWith: cell)
    }

    /// The whole buffer, at the origin.
    public var area: Rect { Rect(width: width, height: height) }

    /// The cell at (x, y); a blank cell outside the buffer.
    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, x < width, y >= 0, y < height else { return .blank }
        return cells[y * width + x]
    }

    /// Puts a one- or two-column cell at (x, y), keeping wide characters whole. Outside the buffer,
    /// or a wide cell on the last column: nothing happens (use ``set(x:y:string:style:maxWidth:)``
    /// for text, which puts a space there). The symbol should come from ``DisplayWidth/drawable(_:)``.
    public mutating func set(x: Int, y: Int, cell: Cell) {
        guard y >= 0, y < height, x >= 0, x < width, cell.width == 1 || cell.width == 2 else { return }
        guard cell.width == 1 || x + 1 < width else { return }
        releaseWideCharacter(x: x, y: y)
        if cell.width == 2 {
            releaseWideCharacter(x: x + 1, y: y)
            cells[y * width + x + 1] = .continuation(cell.style)
        }
        cells[y * width + x] = cell
    }

    /// Draws `string` from (x, y) rightwards in `style`, clipped to `maxWidth` columns (default: to the
    /// right edge) and to the buffer. Clusters are drawn as ``DisplayWidth/drawable(_:)`` says: control
    /// characters and bidirectional overrides as visible placeholders (`␛`, `�`), zero-width characters
    /// not at all, so no text drawn here can reach the terminal as control. Returns the column after the
    /// last one drawn.
    @discardableResult
    public mutating func set(x: Int, y: Int, string: some StringProtocol, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        setText(x: x, y: y, string, style: style, maxWidth: maxWidth)
    }

    /// ``set(x:y:string:style:maxWidth:)`` for a `String`, as almost every caller has: made for `String`
    /// here, where the generic one, called from another module, would go through `StringProtocol`'s
    /// witnesses for every byte.
    @discardableResult
    public mutating func set(x: Int, y: Int, string: String, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        setText(x: x, y: y, string, style: style, maxWidth: maxWidth)
    }

    private mutating func setText(x: Int, y: Int, _ string: some StringProtocol, style: Style, maxWidth: Int?) -> Int {
        guard y >= 0, y < height else { return x }
        let limit = min(width, maxWidth.map { x + max(0, $0) } ?? width)
        if x >= 0, string.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return setPrintableASCII(x: x, y: y, string.utf8, style: style, limit: limit)
        }
        var column = x
        var index = string.startIndex
        while index < string.endIndex, column < limit {
            // A stretch of printable ASCII in one write, as when the whole text is.
            let end = DisplayWidth.asciiRunEnd(in: string, from: index)
            if end > index, column >= 0 {
                column = setPrintableASCII(x: column, y: y, string.utf8[index..<end], style: style, limit: limit)
                index = end
                continue
            }
            if let next = DisplayWidth.asciiCharacterEnd(in: string, at: index) {
                if column >= 0 { set(x: column, y: y, cell: Cell(glyph: Glyph(ascii: string.utf8[index]), width: 1, style: style)) }
                column += 1
                index = next
                continue
            }
            if let next = DisplayWidth.latin1CharacterEnd(in: string, at: index) {
                if column >= 0 { set(x: column, y: y, cell: Cell(glyph: Glyph(string[index..<next]), width: 1, style: style)) }
                column += 1
                index = next
                continue
            }
            let character = string[index]
            index = string.index(after: index)
            let (text, cells) = DisplayWidth.drawable(character)
            if cells == 0 { continue }
            if column + cells > limit {
                if column >= 0 { set(x: column, y: y, cell: .blank(style)) }
                column += 1
                break
            }
            if column >= 0 {
                set(x: column, y: y, cell: Cell(symbol: text, width: cells, style: style))
            } else if column + cells > 0 {
                set(x: 0, y: y, cell: .blank(style))
            }
            column += cells
        }
        return column
    }

    /// Most of a frame's text: one cell per byte, without grapheme breaking or width lookups. Only the
    /// run's ends can cut a wide character in two, so only they are released.
    private mutating func setPrintableASCII(x: Int, y: Int, _ bytes: some Collection<UInt8>, style: Style, limit: Int) -> Int {
        let end = min(limit, x + bytes.count)
        guard x < end else { return x }
        releaseWideCharacter(x: x, y: y)
        releaseWideCharacter(x: end - 1, y: y)
        var index = y * width + x
        let endIndex = y * width + end
        for byte in bytes {
            guard index < endIndex else { break }
            cells[index] = Cell(glyph: Glyph(ascii: byte), width: 1, style: style)
            index += 1
        }
        return end
    }

    /// Cells copied from another drawing onto row `y` from column `x`, as they are: whole wide characters
    /// (a wide cell followed by its continuation), within the row. Only the run's ends can cut a wide
    /// character already there in two, so only they are released.
    mutating func copy(_ run: [Cell], x: Int, y: Int) {
        guard y >= 0, y < height, x >= 0, x + run.count <= width, !run.isEmpty else { return }
        releaseWideCharacter(x: x, y: y)
        releaseWideCharacter(x: x + run.count - 1, y: y)
        let start = y * width + x
        cells.withUnsafeMutableBufferPointer { cells in
            run.withUnsafeBufferPointer { run in
                _ = UnsafeMutableBufferPointer(rebasing: cells[start..<start + run.count]).update(fromContentsOf: run)
            }
        }
    }

    /// Every cell of `area` (clipped to the buffer) replaced by `cell`.
    public mutating func fill(_ area: Rect, with cell: Cell = .blank) {
        let area = area.intersection(self.area)
        guard !area.isEmpty else { return }
        if cell.width == 2 {
            var x = area.x
            while x + 1 < area.right {
                for y in area.y..<area.bottom { set(x: x, y: y, cell: cell) }
                x += 2
            }
            return
        }
        for y in area.y..<area.bottom {
            releaseWideCharacter(x: area.x, y: y)
            releaseWideCharacter(x: area.right - 1, y: y)
            let start = y * width
            // In place, a row at a time: a store per cell through the array would check its uniqueness each time.
            cells.withUnsafeMutableBufferPointer { cells in
                UnsafeMutableBufferPointer(rebasing: cells[start + area.x..<start + area.right]).update(repeating: cell)
            }
        }
    }

    /// Every cell of `area` cleared to a space in `style`.
    public mutating func fill(_ area: Rect, style: Style) {
        fill(area, with: .blank(style))
    }

    /// `style` laid over the style of every cell in `area` (see ``Style/patched(with:)``), keeping
    /// the text: a selection highlight, a dimmed background.
    public mutating func patchStyle(_ area: Rect, with style: Style) {
        let area = area.intersection(self.area)
        guard !area.isEmpty else { return }
        for y in area.y..<area.bottom {
            for x in area.x..<area.right {
                cells[y * width + x].style = cells[y * width + x].style.patched(with: style)
            }
        }
    }

    /// The text of every row, one string per row, wide characters once (a plain-text screenshot).
    public func lines(trimmingTrailingSpaces: Bool = false) -> [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where !cells[y * width + x].isContinuation {
                cells[y * width + x].glyph.withUTF8 { line += String(decoding: $0, as: UTF8.self) }
            }
            if trimmingTrailingSpaces {
                while line.last == " " { line.removeLast() }
            }
            return line
        }
    }

    /// The rows joined by newlines, framed so that trailing spaces show: for test failure messages.
    public var screenshot: String {
        let border = "+" + String(repeating: "-", count: width) + "+"
        return ([border] + lines().map { "|\($0)|" } + [border]).joined(separator: "\n")
    }

    /// Before (x, y) is overwritten: if it is half of a wide character, blank the other half.
    private mutating func releaseWideCharacter(x: Int, y: Int) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        let index = y * width + x
        let cell = cells[index]
        if cell.isContinuation, x > 0 {
            cells[index - 1] = .blank(cells[index - 1].style)
            cells[index] = .blank(cell.style)
        } else if cell.width == 2, x + 1 < width {
            cells[index + 1] = .blank(cells[index + 1].style)
        }
    }
}
