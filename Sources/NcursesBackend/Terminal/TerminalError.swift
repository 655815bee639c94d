/// Why the terminal could not be set up; `description` is meant for the user.
public enum TerminalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `nl_langinfo(CODESET)` after `setlocale(LC_ALL, "")` is not UTF-8.
    case localeNotUTF8(codeset: String)
    case notATerminal
    /// ncurses could not start (an unknown `TERM`, usually).
    case cannotStartCurses(terminalType: String)
    case systemCallFailed(String, errno: Int32)

    public var description: String {
        switch self {
        case .localeNotUTF8(let codeset):
            "leora needs a UTF-8 locale, but the current one uses \(codeset). Set one, for example: export LANG=C.UTF-8"
        case .notATerminal:
            "leora needs a terminal: standard input and output must not be redirected."
        case .cannotStartCurses(let terminalType):
            "Cannot start the terminal interface for TERM=\(terminalType). Try TERM=xterm-256color."
        case .systemCallFailed(let call, let number):
            "\(call) failed (errno \(number))."
        }
    }
}
