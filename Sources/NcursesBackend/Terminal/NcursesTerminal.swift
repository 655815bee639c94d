import CNcurseswShim
import Foundation
import TerminalSafety
import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

/// The only thing that talks to ncurses. It sets the terminal up (UTF-8 locale, fatal-signal
/// restore, standard error to the log, signal pipe, cbreak/noecho/keypad/nonl, Esc delay, hidden
/// cursor, colours, bracketed paste, optional mouse), draws each frame as the difference from the
/// previous one with one `doupdate()`, follows window changes and puts everything back in `shutdown()`.
///
/// One per process, used from the thread that runs the loop. The loop `poll()`s
/// `inputDescriptor` and `wakePipe.readDescriptor`; on input it calls `readKeys()`, on
/// `.signal(.windowChanged)` `handleWindowChange()`, on interrupt, terminate or hangup
/// `shutdown()`.
public final class NcursesTerminal {
    public let signalPipe: SignalPipe
    public var wakePipe: WakePipe { signalPipe.wakePipe }
    /// Where key presses arrive (stdin).
    public let inputDescriptor: Int32 = STDIN_FILENO
    public private(set) var size: TerminalSize
    public let colorDepth: ColorDepth
    public private(set) var isMouseEnabled = false
    /// Resolves the cells' colour roles; changing it repaints the whole screen at the next `draw`.
    public var theme: Theme {
        didSet {
            lastStyle = nil
            invalidate()
        }
    }

    private let screen: OpaquePointer
    /// ncurses' output stream (stdout), for the few sequences ncurses has no call for.
    private let output: UnsafeMutablePointer<FILE>
    private let window: UnsafeMutablePointer<WINDOW>
    private var previousFrame = Buffer(width: 0, height: 0) {
        didSet { frameNumber &+= 1 }
    }
    /// Changes whenever the frame on screen does: `PreparedRows` made against another number no longer hold.
    private var frameNumber = 0
    private var previousCursor: Position?
    private var pairs: ColorPairTable
    private var isCursorVisible = false
    /// The last cell style written and its colour pair and attributes: the cells of a row mostly
    /// share one, so it is resolved once a run.
    private var lastStyle: (style: Style, pair: Int32, attributes: attr_t)?
    /// The calls of the frame being drawn whole (see `draw(_:)`), kept so that drawing allocates once.
    private var frameCalls = PutCells()
    private var isShutDown = false
    private var paste = BracketedPaste()
    private let errorRedirect: StandardErrorRedirect?

    /// Takes over the terminal. Throws, with a message for the user, when the locale is not
    /// UTF-8, stdin or stdout is not a terminal, or ncurses cannot start.
    public init(
        configuration: TerminalConfiguration = TerminalConfiguration(),
        theme: Theme,
        wakePipe: WakePipe
    ) throws(TerminalError) {
        try TerminalLocale.adoptUserLocale()
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        try TerminalRestore.install(descriptor: STDOUT_FILENO)
        let errorRedirect = configuration.standardErrorPath.flatMap(StandardErrorRedirect.init(toFileAt:))
        TerminalRestore.setCrashMessage(configuration.crashMessage, descriptor: errorRedirect?.terminalDescriptor ?? STDERR_FILENO)
        // Before ncurses starts, so it leaves SIGWINCH, SIGINT, SIGTERM and SIGQUIT to us.
        let signalPipe: SignalPipe
        do {
            signalPipe = try SignalPipe(wakePipe: wakePipe)
        } catch {
            TerminalRestore.uninstall()
            errorRedirect?.restore()
            throw error
        }
        guard let output = fdopen(STDOUT_FILENO, "w"), let input = fdopen(STDIN_FILENO, "r"),
            let screen = newterm(nil, output, input), let window = leora_stdscr()
        else {
            signalPipe.uninstall()
            TerminalRestore.uninstall()
            errorRedirect?.restore()
            throw .cannotStartCurses(terminalType: getenv("TERM").map { String(cString: $0) } ?? "(unset)")
        }
        self.errorRedirect = errorRedirect
        self.signalPipe = signalPipe
        self.screen = screen
        self.output = output
        self.window = window
        self.theme = theme

        // One frame, one write(): ncurses 6.4 flushes its output at every cursor move of an update while the
        // screen has never been left (`_endwin` still "initial", meant for terminfo programs that call mvcur
        // themselves), so a frame reached the terminal in five or six writes, each a wake-up of the reader.
        // Leaving and resuming once — what a suspend does — marks the screen running: from then on an update
        // is flushed once, at its end. Nothing is on the screen yet to lose.
        endwin()
        doupdate()

        cbreak()
        noecho()
        nonl()
        intrflush(window, false)
        keypad(window, true)
        nodelay(window, true)
        // No looking for typeahead while a frame is written: the loop reads every key waiting before it draws,
        // and an update cut short by a key would leave the screen behind the frame it was given until the next
        // one changed something (a held `j` at the end of the list changes nothing).
        typeahead(-1)
        set_escdelay(configuration.escapeDelay)
        curs_set(0)

        var depth = ColorDepth.monochrome
        if !configuration.monochrome, has_colors() {
            start_color()
            use_default_colors()
            depth = ColorDepth(colors: Int(leora_colors()))
        }
        colorDepth = depth
        pairs = ColorPairTable(capacity: depth == .monochrome ? 0 : Int(leora_color_pairs()))

        var rows: Int32 = 0
        var columns: Int32 = 0
        leora_getmaxyx(window, &rows, &columns)
        size = TerminalSize(width: Int(columns), height: Int(rows))
        if configuration.mouse { setMouse(enabled: true) }
        writeSequence(BracketedPaste.enable)
    }

    deinit { shutdown() }

    // MARK: Drawing

    /// Writes the cells of `buffer` that differ from the last frame drawn, then shows them
    /// with one `doupdate()`. Nothing reaches the terminal when nothing changed. Returns the buffer it no
    /// longer keeps (that last frame, or `buffer` when nothing was drawn), for the next frame to be drawn into.
    @discardableResult
    public func draw(_ buffer: Buffer) -> Buffer {
        guard !isShutDown else { return buffer }
        let isFullRepaint = buffer.width != previousFrame.width || buffer.height != previousFrame.height
        // Rows that moved a line together (a list scrolled) are scrolled in ncurses' window, not written again.
        var scrolled: RowShift?
        if !isFullRepaint, let shift = buffer.rowShift(from: previousFrame), scroll(shift) { scrolled = shift }
        let runs = buffer.changedRuns(from: previousFrame, after: scrolled)
        guard !runs.isEmpty || buffer.cursor != previousCursor || isFullRepaint else { return buffer }
        if isFullRepaint { werase(window) }
        // Built in the kept calls' storage (taken out while it is: appending to a property would check
        // exclusive access every byte), so that a frame allocates nothing for them.
        var calls = PutCells()
        swap(&calls, &frameCalls)
        defer { swap(&calls, &frameCalls) }
        add(runs, of: buffer, to: &calls)
        put(calls)
        placeCursor(buffer.cursor)
        wnoutrefresh(window)
        doupdate()
        let released = previousFrame
        previousFrame = buffer
        previousCursor = buffer.cursor
        return released
    }

    /// Shows the last frame with its rows `rows` taken from `buffer`, the caller vouching that no other
    /// row changed: only those rows are compared and written, in one `doupdate()`. False, and nothing
    /// done, when the last frame is not of `buffer`'s size (a resize, or `invalidate()`).
    public func drawRows(_ rows: [Int], of buffer: Buffer) -> Bool {
        prepareRows(rows, of: buffer).map { draw($0, of: buffer) } ?? false
    }

    /// The ncurses calls that would show the last frame with its rows `rows` taken from `buffer` (the
    /// caller vouching that no other row changed), worked out now and made by `draw(_:of:)` later; nil
    /// when the last frame is not of `buffer`'s size.
    public func prepareRows(_ rows: [Int], of buffer: Buffer) -> PreparedRows? {
        guard !isShutDown, buffer.width == previousFrame.width, buffer.height == previousFrame.height else { return nil }
        var calls = PutCells()
        add(buffer.changedRuns(from: previousFrame, rows: rows), of: buffer, to: &calls)
        return PreparedRows(frame: frameNumber, rows: rows, writes: calls)
    }

    /// Makes `prepared`'s calls and shows them, its rows of `buffer` (the buffer it was made from,
    /// unchanged) becoming the last frame's. False, and nothing done, when another frame was drawn since
    /// it was made.
    public func draw(_ prepared: PreparedRows, of buffer: Buffer) -> Bool {
        guard !isShutDown, prepared.frame == frameNumber else { return false }
        if !prepared.writes.calls.isEmpty {
            put(prepared.writes)
            placeCursor(previousCursor)
            wnoutrefresh(window)
            doupdate()
        }
        for y in prepared.rows { previousFrame.replaceRow(y, from: buffer) }
        return true
    }

    /// Scrolls the window's rows `shift.top...shift.bottom` by a line; false (nothing done) when the
    /// region is not within the window.
    private func scroll(_ shift: RowShift) -> Bool {
        guard previousFrame.width == size.width, previousFrame.height == size.height else { return false }
        guard wsetscrreg(window, Int32(shift.top), Int32(shift.bottom)) == OK else { return false }
        scrollok(window, true)
        let scrolled = wscrl(window, Int32(shift.lines)) == OK
        // Never left on: with scrolling on, writing the bottom-right cell would scroll the window.
        scrollok(window, false)
        wsetscrreg(window, 0, Int32(size.height - 1))
        return scrolled
    }

    /// The next `draw` repaints every cell (after a theme change, or when something else
    /// may have written to the terminal).
    public func invalidate() {
        previousFrame = Buffer(width: 0, height: 0)
        clearok(window, true)
    }

    /// Makes `calls` the calls that write the cells of `buffer` that `runs` cover (left to right, top to
    /// bottom) into the window, each run with one call (`leora_put_cells`), what lies outside the window left out.
    private func add(_ runs: [CellRun], of buffer: Buffer, to calls: inout PutCells) {
        calls.removeAll()
        buffer.cells.withUnsafeBufferPointer { cells in
            for run in runs where run.y < size.height && run.x < size.width {
                let (pair, attributes) = resolve(run.style)
                let rowStart = run.y * buffer.width
                var x = run.x
                // At most `LEORA_RUN_MAX` cells a call: a longer run is written in parts.
                while x < run.x + run.width {
                    // A part starts at a character, never at the right half of a wide one.
                    if cells[rowStart + x].isContinuation {
                        x += 1
                        continue
                    }
                    let start = x
                    let offset = calls.text.count
                    var count: Int32 = 0
                    while x < run.x + run.width, count < LEORA_RUN_MAX {
                        defer { x += 1 }
                        // The right half of a wide character is drawn with it.
                        if cells[rowStart + x].isContinuation { continue }
                        Self.append(cells[rowStart + x].glyph, to: &calls.text)
                        count += 1
                    }
                    guard count > 0 else { continue }
                    calls.calls.append(.init(y: Int32(run.y), x: Int32(start), count: count, attributes: attributes, pair: pair, offset: offset))
                }
                calls.after = (Int32(run.y), Int32(run.x + run.width))
            }
        }
    }

    /// Makes `calls`. The window's cursor is left after the last cell, where the terminal's will be once
    /// `doupdate` wrote them, so that a hidden cursor costs `doupdate` no move.
    private func put(_ calls: PutCells) {
        calls.text.withUnsafeBufferPointer { text in
            for call in calls.calls {
                leora_put_cells(window, call.y, call.x, text.baseAddress! + call.offset, call.count, call.attributes, call.pair)
            }
        }
        if let after = calls.after, after.x < size.width { wmove(window, after.y, after.x) }
    }

    /// A cell's grapheme as `leora_put_cells` reads it: its UTF-8 (a space for an empty one), then a NUL.
    private static func append(_ glyph: Glyph, to text: inout [CChar]) {
        if let byte = glyph.printableASCII {
            text.append(CChar(bitPattern: byte))
        } else if glyph.isEmpty {
            text.append(0x20)
        } else {
            glyph.withUTF8 { bytes in text.append(contentsOf: bytes.lazy.map { CChar(bitPattern: $0) }) }
        }
        text.append(0)
    }

    /// The colour pair and attributes for `style` in the theme, a new pair made when needed.
    private func resolve(_ style: Style) -> (pair: Int32, attributes: attr_t) {
        if let last = lastStyle, last.style == style { return (last.pair, last.attributes) }
        let resolved = theme.resolve(style, depth: colorDepth)
        var (pair, isNew) = pairs.pair(foreground: resolved.foreground, background: resolved.background)
        if isNew, init_extended_pair(pair, resolved.foreground.cursesNumber, resolved.background.cursesNumber) == ERR { pair = 0 }
        let attributes = Self.attributes(resolved.attributes)
        lastStyle = (style, pair, attributes)
        return (pair, attributes)
    }

    static func attributes(_ attributes: TextAttributes) -> attr_t {
        var result = leora_attribute_normal()
        if attributes.contains(.bold) { result |= leora_attribute_bold() }
        if attributes.contains(.dim) { result |= leora_attribute_dim() }
        if attributes.contains(.underline) { result |= leora_attribute_underline() }
        if attributes.contains(.reverse) { result |= leora_attribute_reverse() }
        if attributes.contains(.italic) { result |= leora_attribute_italic() }
        return result
    }

    private func placeCursor(_ cursor: Position?) {
        if let cursor, cursor.x < size.width, cursor.y < size.height {
            wmove(window, Int32(cursor.y), Int32(cursor.x))
            if !isCursorVisible { curs_set(1) }
            isCursorVisible = true
        } else if isCursorVisible {
            curs_set(0)
            isCursorVisible = false
        }
    }

    // MARK: Input and size

    /// Every key waiting, without blocking: call when `inputDescriptor` is readable. A bracketed
    /// paste comes as one `Key.paste`.
    public func readKeys() -> [Key] {
        guard !isShutDown else { return [] }
        let keys = paste.keys(from: KeyDecoder.readAvailable(from: window), at: .now)
        if keys.contains(.resize) { updateSizeFromCurses() }
        return keys
    }

    /// After SIGWINCH: reads the size from the kernel (`TIOCGWINSZ`) and resizes ncurses to it.
    @discardableResult
    public func handleWindowChange() -> TerminalSize {
        if let current = TerminalSize.current(of: STDOUT_FILENO) { resize(to: current) }
        return size
    }

    /// Resizes ncurses' screens to `newSize` (`resizeterm`); the next `draw` repaints everything.
    public func resize(to newSize: TerminalSize) {
        guard !isShutDown, newSize.width > 0, newSize.height > 0 else { return }
        if newSize != size {
            resizeterm(Int32(newSize.height), Int32(newSize.width))
        }
        updateSizeFromCurses()
        invalidate()
    }

    private func updateSizeFromCurses() {
        var rows: Int32 = 0
        var columns: Int32 = 0
        leora_getmaxyx(window, &rows, &columns)
        size = TerminalSize(width: Int(columns), height: Int(rows))
    }

    /// Turns reporting of clicks and the wheel on or off.
    public func setMouse(enabled: Bool) {
        guard !isShutDown else { return }
        let mask: mmask_t =
            enabled
            ? leora_mouse_button1_clicked() | leora_mouse_button1_double_clicked() | leora_mouse_button3_clicked()
                | leora_mouse_button4_pressed() | leora_mouse_button5_pressed()
            : 0
        mousemask(mask, nil)
        isMouseEnabled = enabled
    }

    // MARK: Clipboard

    /// Asks the terminal to put `text` on the system clipboard (OSC 52). Terminals that do not
    /// support it ignore the sequence; it moves no cursor and draws nothing. The text is made
    /// terminal-safe first (``TerminalSafeText``): what is pasted later carries no escape sequence,
    /// line feed or bidirectional override either.
    public func copyToClipboard(_ text: String) {
        guard !isShutDown else { return }
        let safe = TerminalSafeText.sanitized(text)
        writeSequence("\u{1B}]52;c;" + Data(safe.utf8).base64EncodedString() + "\u{07}")
    }

    /// Writes a sequence ncurses has no call for, after what ncurses has buffered.
    private func writeSequence(_ sequence: String) {
        fflush(output)
        fputs(sequence, output)
        fflush(output)
    }

    // MARK: Suspend

    /// Ctrl-Z: gives the terminal back as `shutdown` would (mouse and bracketed paste off, `endwin`),
    /// stops the process, and once continued takes the terminal again and repaints everything at the
    /// next `draw`. A shell that turned bracketed paste off meanwhile finds it on again.
    public func suspend() {
        guard !isShutDown else { return }
        if isMouseEnabled { mousemask(0, nil) }
        writeSequence(BracketedPaste.disable)
        endwin()
        signalPipe.stopProcess()
        // Continued: the first refresh after endwin puts the program's terminal modes back; the keypad
        // mode is sent now, not at the next read (by then a key would already have come in the
        // shell's cursor mode, and Up would read as Esc [ A).
        doupdate()
        keypad(window, true)
        if isMouseEnabled { setMouse(enabled: true) }
        writeSequence(BracketedPaste.enable)
        invalidate()
    }

    // MARK: Shutdown

    /// Gives the terminal back as it was: mouse and bracketed paste off, cursor on, `endwin`, the
    /// signal handlers found at start, and standard error. Safe to call twice; deinit calls it too.
    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        if isMouseEnabled { mousemask(0, nil) }
        writeSequence(BracketedPaste.disable)
        curs_set(1)
        endwin()
        delscreen(screen)
        signalPipe.uninstall()
        TerminalRestore.uninstall()
        errorRedirect?.restore()
    }
}
