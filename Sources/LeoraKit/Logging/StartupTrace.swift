#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// `LEORA_TRACE_STARTUP=1`: where a start-up's time goes. Each step of the terminal UI's start marks
/// the moment it ends (`mark`), measured from `main`; when the terminal is given back, `report`
/// prints the timeline on standard error (the terminal UI sends standard error to its log while it
/// runs, so it cannot be printed earlier). Without the variable it records and prints nothing.
public final class StartupTrace: Sendable {
    /// The variable that turns the trace on (`1`).
    public static let variable = "LEORA_TRACE_STARTUP"
    /// The process's trace, from the environment of its start.
    public static let shared = StartupTrace(enabled: getenv(variable).map { String(cString: $0) == "1" } ?? false)

    private struct Mark {
        var name: String
        var once: String?
        var at: Duration
    }

    public let isEnabled: Bool
    private let origin = ContinuousClock.now
    private let marks = Mutex<[Mark]>([])
    /// How old the process was when the trace began (exec to `main`, a re-exec included), in the
    /// kernel's clock ticks: nil when unknown.
    private let processAgeAtOrigin: Duration?

    public init(enabled: Bool) {
        isEnabled = enabled
        processAgeAtOrigin = enabled ? Self.processAge() : nil
    }

    /// Records that `step` has just ended; marks with the same `once` count only the first time (the
    /// first request, whichever it is).
    public func mark(_ step: @autoclosure () -> String, once: String? = nil) {
        guard isEnabled else { return }
        let at = ContinuousClock.now - origin
        if let once, marks.withLock({ $0.contains { $0.once == once } }) { return }
        let name = step()
        marks.withLock { marks in
            if let once, marks.contains(where: { $0.once == once }) { return }
            marks.append(Mark(name: name, once: once, at: at))
        }
    }

    /// The timeline: one line a step, its end since `main` and its own time since the step before.
    public func timeline() -> String {
        let marks = marks.withLock { $0 }
        var lines = ["leora start-up (LEORA_TRACE_STARTUP=1), ms since main:"]
        if let age = processAgeAtOrigin {
            lines.append("  exec → main: \(Self.milliseconds(age)) ms (the kernel's 10 ms ticks; with a shared Swift runtime, the re-exec that settles SWIFT_BACKTRACE included)")
        }
        var previous = Duration.zero
        for mark in marks {
            let total = Self.milliseconds(mark.at), step = Self.milliseconds(mark.at - previous)
            lines.append("  \(Self.padded(total, 8)) \(Self.padded("+" + step, 9))  \(mark.name)")
            previous = mark.at
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Prints the timeline on standard error, once; nothing when the trace is off.
    public func report() {
        guard isEnabled else { return }
        let text = timeline()
        marks.withLock { $0.removeAll() }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress! + written, $0.count - written) }
            if result <= 0 { break }
            written += result
        }
    }

    static func milliseconds(_ duration: Duration) -> String {
        let micros = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        let tenths = (micros + 50) / 100
        return "\(tenths / 10).\(abs(tenths % 10))"
    }

    private static func padded(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    /// Now minus the process's start time (`/proc/self/stat`, field 22, in clock ticks since boot).
    private static func processAge() -> Duration? {
        #if os(Linux)
        guard let file = fopen("/proc/self/stat", "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 1024)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
        let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // The command name may hold spaces: the fields after it start past the last ')'.
        guard let close = line.lastIndex(of: ")") else { return nil }
        let fields = line[line.index(after: close)...].split(separator: " ")
        // Field 3 (state) is fields[0]; field 22 (starttime) is fields[19].
        guard fields.count > 19, let ticks = Int64(fields[19]) else { return nil }
        let hertz = Int64(sysconf(Int32(_SC_CLK_TCK)))
        var now = timespec()
        guard hertz > 0, clock_gettime(CLOCK_BOOTTIME, &now) == 0 else { return nil }
        let started = Duration.milliseconds(ticks * 1000 / hertz)
        return .seconds(Int64(now.tv_sec)) + .nanoseconds(Int64(now.tv_nsec)) - started
        #else
        return nil
        #endif
    }
}
