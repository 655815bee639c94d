#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// `LEORA_TRACE_FRAMES=1`: where the time of a key's frame goes, phase by phase — reading the keys, the
/// reduce (the keys and what their effects sent straight back), the "did the state change?" comparison,
/// the render into a fresh buffer, and the terminal (the diff, ncurses' writes and `doupdate`). The loop
/// marks each phase's end (`mark`); a frame drawn for a key is kept, one that was not drawn is dropped.
/// When the terminal is given back, `report` prints each phase's median, minimum and maximum on standard
/// error. Without the variable it records and prints nothing.
public final class FrameTrace: Sendable {
    /// The variable that turns the trace on (`1`).
    public static let variable = "LEORA_TRACE_FRAMES"
    /// The process's trace, from the environment of its start.
    public static let shared = FrameTrace(enabled: getenv(variable).map { String(cString: $0) == "1" } ?? false)

    /// The phases of a key's frame, in the loop's order; each mark is the end of the one before.
    public enum Phase: Int, CaseIterable, Sendable {
        case keyArrived, keysRead, reduced, compared, rendered, drawn

        var name: String {
            switch self {
            case .keyArrived: "poll → key"
            case .keysRead: "read keys"
            case .reduced: "reduce"
            case .compared: "state comparison"
            case .rendered: "render"
            case .drawn: "terminal: diff, ncurses, doupdate"
            }
        }
    }

    private struct Frames {
        /// This frame's marks so far, in nanoseconds of the monotonic clock (0: not yet).
        var current = [UInt64](repeating: 0, count: Phase.allCases.count)
        /// Each phase's times, in microseconds, of the frames kept.
        var phases = [[Double]](repeating: [], count: Phase.allCases.count)
        /// Frames kept that were motion frames (`MotionRedraw`: only the rows a moved selection changed).
        var motions = 0
        /// Motion frames worked out before their key came (`PreparedMotion`).
        var prepared = 0
        var currentIsMotion = false
        var currentIsPrepared = false
    }

    public let isEnabled: Bool
    private let frames = Mutex(Frames())

    public init(enabled: Bool) {
        isEnabled = enabled
    }

    /// Records that `phase` has just ended. `keyArrived` starts a frame; `drawn` ends it and keeps it.
    public func mark(_ phase: Phase) {
        guard isEnabled else { return }
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let at = UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
        frames.withLock { frames in
            if phase == .keyArrived {
                frames.current = frames.current.map { _ in 0 }
                frames.currentIsMotion = false
                frames.currentIsPrepared = false
            }
            guard frames.current[Phase.keyArrived.rawValue] != 0 || phase == .keyArrived else { return }
            frames.current[phase.rawValue] = at
            guard phase == .drawn else { return }
            var previous = frames.current[0]
            for phase in Phase.allCases.dropFirst() {
                // A phase the loop went through without a mark (no key read before the frame) takes no time.
                let end = max(previous, frames.current[phase.rawValue])
                frames.phases[phase.rawValue].append(Double(end - previous) / 1000)
                previous = end
            }
            if frames.currentIsMotion { frames.motions += 1 }
            if frames.currentIsPrepared { frames.prepared += 1 }
            frames.current = frames.current.map { _ in 0 }
        }
    }

    /// The frame being traced is a motion frame (`MotionRedraw`), `prepared` before its key came (`PreparedMotion`).
    public func markMotion(prepared: Bool = false) {
        guard isEnabled else { return }
        frames.withLock {
            $0.currentIsMotion = true
            $0.currentIsPrepared = prepared
        }
    }

    /// A frame that was not drawn (the key changed nothing) is not kept.
    public func dropFrame() {
        guard isEnabled else { return }
        frames.withLock { $0.current = $0.current.map { _ in 0 } }
    }

    /// The phases' medians, minima and maxima over the frames kept, one line each.
    public func summary() -> String {
        let (phases, motions, prepared) = frames.withLock { ($0.phases, $0.motions, $0.prepared) }
        let count = phases[Phase.drawn.rawValue].count
        var lines = ["leora frames after a key (LEORA_TRACE_FRAMES=1), µs, median [min–max] of \(count) (\(motions) motion frames, \(prepared) prepared):"]
        guard count > 0 else { return lines.joined() + "\n" }
        var total = [Double](repeating: 0, count: count)
        for phase in Phase.allCases.dropFirst() {
            let times = phases[phase.rawValue]
            for (index, time) in times.enumerated() where index < count { total[index] += time }
            lines.append("  \(Self.statistics(times))  \(phase.name)")
        }
        lines.append("  \(Self.statistics(total))  total")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Prints the summary on standard error, once; nothing when the trace is off.
    public func report() {
        guard isEnabled else { return }
        let bytes = Array(summary().utf8)
        frames.withLock { $0 = Frames() }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress! + written, $0.count - written) }
            if result <= 0 { break }
            written += result
        }
    }

    private static func statistics(_ times: [Double]) -> String {
        let sorted = times.sorted()
        guard let first = sorted.first, let last = sorted.last else { return "" }
        return "\(format(sorted[sorted.count / 2])) [\(format(first))–\(format(last))]"
    }

    private static func format(_ micros: Double) -> String {
        let tenths = Int((micros * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
