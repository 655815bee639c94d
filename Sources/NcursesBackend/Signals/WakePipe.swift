#if canImport(Glibc)
import Glibc
#endif

/// Why the loop was woken: by `wake()` (an effect has an action ready) or by a signal.
public enum Wakeup: Hashable, Sendable {
    case woken
    case signal(TerminalSignal)
}

/// A self-pipe (non-blocking, close-on-exec). Anything may write one byte to wake the
/// loop — effects through `wake()`, signal handlers with the signal number — and the loop
/// `poll()`s `readDescriptor`, then `drain()`s it.
public final class WakePipe: Sendable {
    public let readDescriptor: Int32
    public let writeDescriptor: Int32

    static let wakeByte: UInt8 = 0

    public init() throws(TerminalError) {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else { throw .systemCallFailed("pipe", errno: errno) }
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        readDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }

    /// Wakes the loop; safe from any thread. When the pipe is full the loop is already
    /// due to wake, so the byte is dropped.
    public func wake() {
        var byte = Self.wakeByte
        _ = write(writeDescriptor, &byte, 1)
    }

    /// Reads every pending byte; each reason once, in the order first seen.
    public func drain() -> [Wakeup] {
        var reasons: [Wakeup] = []
        var bytes = [UInt8](repeating: 0, count: 256)
        while true {
            let count = read(readDescriptor, &bytes, bytes.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            for byte in bytes[..<count] {
                let reason: Wakeup? = byte == Self.wakeByte ? .woken : TerminalSignal(rawValue: Int32(byte)).map(Wakeup.signal)
                if let reason, !reasons.contains(reason) { reasons.append(reason) }
            }
        }
        return reasons
    }
}
