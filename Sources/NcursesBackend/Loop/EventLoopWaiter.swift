#if canImport(Glibc)
import Glibc
#endif

/// Sleeps in `poll()` until one of a set of descriptors (stdin, the wake pipe, an inotify
/// watch…) becomes readable or the timeout passes. No busy loop: without a timeout it
/// waits for as long as nothing happens.
public struct EventLoopWaiter: Sendable {
    public init() {}

    /// The descriptors that became readable (or hung up, or failed: reading them tells
    /// which), in the order given; empty when `timeout` passed first. A signal arriving meanwhile
    /// does not end the wait by itself; its handler's byte on the wake pipe does. An array, not a
    /// set: a handful of descriptors, looked up once each, on the way from a key to its frame.
    public func waitForReadable(_ descriptors: [Int32], timeout: Duration? = nil) -> [Int32] {
        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now.advanced(by: $0) }
        var entries = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        while true {
            let milliseconds = deadline.map { Self.milliseconds(until: $0, clock: clock) } ?? -1
            let count = poll(&entries, nfds_t(entries.count), milliseconds)
            if count > 0 {
                let ready = Int16(POLLIN | POLLHUP | POLLERR | POLLNVAL)
                return entries.compactMap { $0.revents & ready != 0 ? $0.fd : nil }
            }
            if count == 0 { return [] }
            guard errno == EINTR else { return [] }
        }
    }

    /// Whole milliseconds left, rounded up so a short timeout never becomes a spin.
    static func milliseconds(until deadline: ContinuousClock.Instant, clock: ContinuousClock) -> Int32 {
        let remaining = clock.now.duration(to: deadline)
        guard remaining > .zero else { return 0 }
        let (seconds, attoseconds) = remaining.components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: milliseconds)
    }
}
