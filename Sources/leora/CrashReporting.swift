import Foundation

/// How Swift's runtime reports a crash of `leora`, settled before anything else runs.
///
/// The runtime reads `SWIFT_BACKTRACE` once, as the process starts, and on a terminal its default
/// is interactive: a crash in the terminal UI would stop at "Press space to interact, D to debug,
/// or any other key to quit" over the screen for 30 seconds. No handler installed later can change
/// that, so when the variable is unset `leora` runs itself again at once — the same program,
/// process id, arguments and environment, plus the variable: not interactive, no colour, the
/// backtrace on standard error (which the terminal UI sends to its log, and the commands leave on
/// the terminal, where it belongs to no prompt). A `SWIFT_BACKTRACE` the user set is left as it is.
enum CrashReporting {
    static let variable = "SWIFT_BACKTRACE"
    static let settings = "enable=yes,interactive=no,color=no,output-to=stderr"

    /// Returns only when the variable was already set, or when running again failed (then the
    /// runtime's defaults stay).
    static func runAgainWithSettingsIfNeeded() {
        #if os(Linux)
        guard getenv(variable) == nil, let program = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return }
        setenv(variable, settings, 1)
        // By its path, not /proc/self/exe: the process keeps its name (`leora` in ps and top).
        execv(program, CommandLine.unsafeArgv)
        unsetenv(variable)
        #endif
    }
}
