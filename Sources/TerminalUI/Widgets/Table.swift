/// A table with a header and virtual scrolling: only the rows that fit are materialised — the table
/// asks its row provider for the visible range, so a table of a million orders costs what it shows.
/// Scroll and selection live in a ``TableState``.
///
/// Rows the provider does not return (a page not loaded yet) are shown as `loadingText`.
public struct Table {
    /// One column: header title, width constraint (shared with ``Layout``), alignment.
    public struct Column: Sendable, Hashable {
        public var title: String
        public var width: Constraint
        public var alignment: Alignment

        public init(_ title: String, width: Constraint, alignment: Alignment = .left) {
            self.title = title
            self.width = width
            self.alignment = alignment
        }
    }

    /// One row's cell texts, its style, and optional per-cell styles laid over it.
    public struct Row: Sendable, Hashable {
        public var cells: [String]
        public var style: Style
        public var cellStyles: [Style?]

        public init(_ cells: [String], style: Style = .plain, cellStyles: [Style?] = []) {
            self.cells = cells
            self.style = style
            self.cellStyles = cellStyles
        }
    }

    /// A row named without reading its data: the serial of what it comes from (a page of a list, which
    /// never changes under one serial; see `PageWindow`) and its place there. Rows with equal names in a
    /// table with the same ``rowContext`` draw alike.
    public struct RowName: Hashable, Sendable {
        public var source: UInt64
        public var offset: Int

        public init(source: UInt64, offset: Int) {
            self.source = source
            self.offset = offset
        }
    }

    /// Named rows: `name` names a row (nil when it is not loaded) and `row` formats it, asked only when no
    /// row with that name, selection and layout was drawn before. So a row that did not change costs two
    /// integers, not its formatting.
    struct NamedRows {
        var name: (Int) -> RowName?
        var row: (Int) -> Row
    }

    public var columns: [Column]
    public var rowCount: Int
    /// The rows for a range of indexes, in order (may return fewer when not loaded yet).
    public var rows: (Range<Int>) -> [Row]
    private var namedRows: NamedRows?
    /// What every named row's drawing depends on besides its name (the time zone its dates are written in).
    public var rowContext = ""
    public var headerStyle: Style = Style(.muted, attributes: [.bold])
    public var selectedStyle: Style = Style(foreground: .role(.selectionText), background: .role(.selection))
    /// Drawn before the selected row (and blank space before the others); empty for none.
    public var highlightSymbol: String = ""
    public var columnSpacing: Int = 1
    public var loadingText: String = "…"
    /// Shown under the header when there are no rows.
    public var emptyText: String = ""
    /// Whether a row drawn before with the same data and layout is copied from ``TableRowCache``
    /// instead of drawn again (the same cells either way).
    public var cachesRows = true
    /// Where drawn rows are kept: the process's cache (a test that counts what is formatted keeps its own,
    /// away from the other tests filling the shared one).
    var rowCache = TableRowCache.shared

    public init(columns: [Column], rowCount: Int, rows: @escaping (Range<Int>) -> [Row]) {
        self.columns = columns
        self.rowCount = max(0, rowCount)
        self.rows = rows
    }

    /// A table whose rows are formatted only when not drawn before (see ``TableRowCache``): `name(index)`
    /// names row `index` (see ``RowName``), or is nil when the row is not loaded yet (shown as
    /// `loadingText`); `row(index)` formats it. Rows with equal names must format alike.
    public init(columns: [Column], rowCount: Int, name: @escaping (Int) -> RowName?, row: @escaping (Int) -> Row) {
        self.init(columns: columns, rowCount: rowCount) { range in
            var rows: [Row] = []
            for index in range {
                guard name(index) != nil else { break }
                rows.append(row(index))
            }
            return rows
        }
        namedRows = NamedRows(name: name, row: row)
    }

    /// A table over rows already in memory.
    public init(columns: [Column], rows allRows: [Row]) {
        self.init(columns: columns, rowCount: allRows.count) { range in Array(allRows[range.clamped(to: allRows.indices)]) }
    }

    /// Rows available for data in `area` (its height less the header).
    public static func visibleRows(in area: Rect) -> Int { max(0, area.height - 1) }

    /// The row indexes shown in `area` with `state`: what to fetch.
    public func visibleRange(in area: Rect, state: TableState) -> Range<Int> {
        state.visibleRange(visibleRows: Table.visibleRows(in: area), rowCount: rowCount)
    }

    /// The row index at screen row `y` in `area` (for mouse clicks), if any.
    public func rowIndex(atY y: Int, in area: Rect, state: TableState) -> Int? {
        let range = visibleRange(in: area, state: state)
        let position = y - area.y - 1
        return position >= 0 && position < range.count ? range.lowerBound + position : nil
    }

    /// The columns' rectangles within `area` (after the highlight gutter).
    public func columnRects(in area: Rect) -> [Rect] {
        let gutter = min(area.width, DisplayWidth.of(highlightSymbol))
        let inner = Rect(x: area.x + gutter, y: area.y, width: area.width - gutter, height: area.height)
        return Layout.horizontal(columns.map(\.width), spacing: columnSpacing).split(inner)
    }

    public func render(into buffer: inout Buffer, area: Rect, state: TableState) {
        render(into: &buffer, area: area, state: state, only: nil)
    }

    /// Draws only the visible rows `indexes`, as ``render(into:area:state:)`` draws them (no header, no
    /// other row): for a frame in which nothing else of the table changed. A few rows (a motion frame's
    /// two): looked through, not hashed into a set.
    public func render(rows indexes: [Int], into buffer: inout Buffer, area: Rect, state: TableState) {
        render(into: &buffer, area: area, state: state, only: indexes)
    }

    private func render(into buffer: inout Buffer, area: Rect, state: TableState, only: [Int]?) {
        guard !area.isEmpty else { return }
        let columnRects = columnRects(in: area)
        for (column, rect) in zip(columns, columnRects) where only == nil {
            draw(column.title, column: column, in: rect, y: area.y, style: headerStyle, buffer: &buffer)
        }
        let range = visibleRange(in: area, state: state)
        let drawn = { (index: Int) in only?.contains(index) ?? true }
        if rowCount == 0 {
            if area.height > 1, only == nil {
                buffer.set(x: area.x, y: area.y + 1, string: DisplayWidth.truncate(emptyText, to: area.width), style: Style(.muted))
            }
            return
        }
        let gutterWidth = min(area.width, DisplayWidth.of(highlightSymbol))
        // A table wider than the buffer is clipped by it, which the cached cells do not know.
        guard cachesRows, area.right <= buffer.width else {
            let fetched = range.isEmpty ? [] : rows(range)
            for (position, index) in range.enumerated() where drawn(index) {
                let y = area.y + 1 + position
                guard position < fetched.count else {
                    drawLoading(y: y, area: area, gutterWidth: gutterWidth, into: &buffer)
                    continue
                }
                draw(fetched[position], isSelected: isSelected(index, state), y: y, area: area, columnRects: columnRects, gutterWidth: gutterWidth, into: &buffer)
            }
            return
        }
        let layout = rowCache.layoutID(
            TableRowCache.Layout(
                x: area.x, width: area.width, columns: columnRects, alignments: columns.map(\.alignment), selectedStyle: selectedStyle,
                highlightSymbol: highlightSymbol, context: rowContext))
        // Named rows: a row's name is looked up before the row is made. Otherwise the rows themselves are the keys.
        var fetched: [Row] = []
        if namedRows == nil, !range.isEmpty { fetched = rows(range) }
        // As with `rows`, the rows after the first one not loaded are shown loading. Drawing only some rows,
        // those after the last of them are not looked at.
        var loaded = true
        let lastDrawn = only?.max() ?? range.upperBound
        for (position, index) in range.enumerated() where index <= lastDrawn {
            let y = area.y + 1 + position
            let identity: TableRowCache.Identity
            if let namedRows {
                guard loaded, let name = namedRows.name(index) else {
                    loaded = false
                    if drawn(index) { drawLoading(y: y, area: area, gutterWidth: gutterWidth, into: &buffer) }
                    continue
                }
                identity = .name(name)
            } else {
                guard position < fetched.count else {
                    if drawn(index) { drawLoading(y: y, area: area, gutterWidth: gutterWidth, into: &buffer) }
                    continue
                }
                identity = .row(fetched[position])
            }
            guard drawn(index) else { continue }
            let selected = isSelected(index, state)
            let place = TableRowCache.Place(layout: layout, index: index)
            let cached = rowCache.drawn(at: place, identity)
            let drawn: [TableRowCache.Run]
            if let runs = selected ? cached?.selected : cached?.plain {
                drawn = runs
            } else if selected, let cached, let plain = cached.plain {
                // The row the selection reached (a held `j`): its plain look restyled in place — not formatted
                // and laid out again, and not kept either (restyling costs less than keeping it).
                drawSelected(plain, rowStyle: cached.style, y: y, area: area, gutterWidth: gutterWidth, into: &buffer)
                continue
            } else {
                let row: Row
                switch identity {
                case .row(let fetchedRow): row = fetchedRow
                case .name: row = namedRows?.row(index) ?? Row([])
                }
                drawn = TableRowCache.record(width: area.right) { scratch in
                    draw(row, isSelected: selected, y: 0, area: area, columnRects: columnRects, gutterWidth: gutterWidth, into: &scratch)
                }
                rowCache.remember(drawn, at: place, identity, style: row.style, isSelected: selected)
            }
            for run in drawn { buffer.copy(run.cells, x: run.x, y: y) }
        }
    }

    private func isSelected(_ index: Int, _ state: TableState) -> Bool {
        state.selected.map { min(max(0, $0), rowCount - 1) } == index
    }

    private func drawLoading(y: Int, area: Rect, gutterWidth: Int, into buffer: inout Buffer) {
        buffer.set(x: area.x + gutterWidth, y: y, string: loadingText, style: Style(.muted), maxWidth: area.width - gutterWidth)
    }

    /// One data row on line `y`: the selection's fill and gutter, then each column's text.
    private func draw(_ row: Row, isSelected: Bool, y: Int, area: Rect, columnRects: [Rect], gutterWidth: Int, into buffer: inout Buffer) {
        let rowStyle = isSelected ? row.style.patched(with: selectedStyle) : row.style
        if isSelected { drawSelection(rowStyle: rowStyle, y: y, area: area, gutterWidth: gutterWidth, into: &buffer) }
        for (columnIndex, (column, rect)) in zip(columns, columnRects).enumerated() {
            let text = columnIndex < row.cells.count ? row.cells[columnIndex] : ""
            var style = rowStyle
            if columnIndex < row.cellStyles.count, let cellStyle = row.cellStyles[columnIndex] {
                style = isSelected ? row.style.patched(with: cellStyle).patched(with: selectedStyle) : style.patched(with: cellStyle)
            }
            draw(text, column: column, in: rect, y: y, style: style, buffer: &buffer)
        }
    }

    /// The selected row's fill and gutter, under its text.
    private func drawSelection(rowStyle: Style, y: Int, area: Rect, gutterWidth: Int, into buffer: inout Buffer) {
        buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: rowStyle)
        if gutterWidth > 0 { buffer.set(x: area.x, y: y, string: highlightSymbol, style: rowStyle, maxWidth: gutterWidth) }
    }

    /// A row drawn selected from the cells it was drawn with unselected (`plain`, a row whose own style is
    /// `rowStyle`): what `draw(_:isSelected:…)` draws, as a column's text is written with its plain style
    /// patched with `selectedStyle`, over the same selection fill and gutter.
    private func drawSelected(_ plain: [TableRowCache.Run], rowStyle: Style, y: Int, area: Rect, gutterWidth: Int, into buffer: inout Buffer) {
        drawSelection(rowStyle: rowStyle.patched(with: selectedStyle), y: y, area: area, gutterWidth: gutterWidth, into: &buffer)
        for run in plain {
            buffer.copy(run.cells, x: run.x, y: y)
            buffer.patchStyle(Rect(x: run.x, y: y, width: run.cells.count, height: 1), with: selectedStyle)
        }
    }

    private func draw(_ text: String, column: Column, in rect: Rect, y: Int, style: Style, buffer: inout Buffer) {
        guard rect.width > 0 else { return }
        let cut = DisplayWidth.truncate(text, to: rect.width)
        let offset = column.alignment.offset(textWidth: DisplayWidth.of(cut), in: rect.width)
        buffer.set(x: rect.x + offset, y: y, string: cut, style: style, maxWidth: rect.width - offset)
    }
}
