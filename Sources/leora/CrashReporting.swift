import LeoraCrashSettings

#if canImport(Glibc)
import Glibc
#endif

/// How Swift's runtime reports a crash of `leora`, settled before anything else runs.
///
/// The runtime reads `SWIFT_BACKTRACE` once, as the process starts, and on a terminal its default
/// is interactive: a crash in the terminal UI would stop at "Press space to interact, D to debug,
/// or any other key to quit" over the screen for 30 seconds. No handler installed later can change
/// that. The settings (`leora_crash_settings`: not interactive, no colour, the backtrace on standard
/// error, which the terminal UI sends to its log and the commands leave on the terminal) reach it
/// one of two ways:
///
/// - with the runtime linked into the executable (the release build's static standard library), a
///   C constructor of `LeoraCrashSettings` sets the variable before the runtime reads it: nothing
///   more to do, the start costs nothing;
/// - with the runtime a shared library (debug builds, the tests), the runtime has read its
///   environment before any of our code ran, so `leora` runs itself again at once — the same
///   program, process id, arguments and environment, plus the variable.
///
/// A `SWIFT_BACKTRACE` the user set is left as it is.
enum CrashReporting {
    static let variable = "SWIFT_BACKTRACE"

    /// Returns only when the runtime has the settings (or the user's), or when running again failed
    /// (then the runtime's defaults stay).
    static func runAgainWithSettingsIfNeeded() {
        #if os(Linux)
        guard leora_crash_settings_applied() == 0, getenv(variable) == nil, let program = executablePath() else { return }
        setenv(variable, leora_crash_settings, 1)
        // By its path, not /proc/self/exe: the process keeps its name (`leora` in ps and top).
        execv(program, CommandLine.unsafeArgv)
        unsetenv(variable)
        #endif
    }

    /// The executable's path (`/proc/self/exe`'s target), without Foundation.
    private static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
