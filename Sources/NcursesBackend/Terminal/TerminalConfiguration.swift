/// How `NcursesTerminal` sets the terminal up.
public struct TerminalConfiguration: Hashable, Sendable {
    /// Report clicks and the wheel (`--mouse`, or the config file).
    public var mouse: Bool
    /// No colours at all, only attributes (`NO_COLOR`, the monochrome theme).
    public var monochrome: Bool
    /// Milliseconds ncurses waits after Esc for the rest of an escape sequence.
    public var escapeDelay: Int32
    /// Where standard error goes while the terminal is taken (the log file); nil leaves it alone.
    public var standardErrorPath: String?
    /// What a crash prints on the restored terminal (say where the details are); nil for nothing.
    public var crashMessage: String?

    public init(mouse: Bool = false, monochrome: Bool = false, escapeDelay: Int32 = 25, standardErrorPath: String? = nil, crashMessage: String? = nil) {
        self.mouse = mouse
        self.monochrome = monochrome
        self.escapeDelay = escapeDelay
        self.standardErrorPath = standardErrorPath
        self.crashMessage = crashMessage
    }
}
