#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// Notices when another `leora` writes, replaces or removes the session file (the browser's
/// BroadcastChannel). Watches the directory, not the file: a watch on the file itself is lost at the
/// first atomic rename. `descriptor` becomes readable on a change, so an event loop can `poll()` it;
/// `drain()` then reads the events and says whether the session file was among them.
public final class SessionFileWatcher: Sendable {
    public let descriptor: Int32
    private let fileName: String

    public convenience init?(_ file: SessionFile) {
        self.init(directory: file.directory, fileName: file.url.lastPathComponent)
    }

    /// Watches `fileName` in `directory` (the offline cart queue's file, say).
    public init?(directory: URL, fileName: String) {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        let mask = UInt32(IN_MOVED_TO | IN_CLOSE_WRITE | IN_DELETE | IN_MOVED_FROM)
        guard inotify_add_watch(descriptor, directory.path, mask) >= 0 else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
        self.fileName = fileName
    }

    deinit { close(descriptor) }

    /// Reads every pending event; true when one concerned the session file.
    public func drain() -> Bool {
        var changed = false
        let capacity = 4096
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: MemoryLayout<inotify_event>.alignment)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer, capacity)
            guard count > 0 else { break }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                let nameStart = buffer.advanced(by: offset + MemoryLayout<inotify_event>.size)
                if event.len > 0 {
                    let name = String(cString: nameStart.assumingMemoryBound(to: CChar.self))
                    if name == fileName { changed = true }
                }
                offset += MemoryLayout<inotify_event>.size + Int(event.len)
            }
        }
        return changed
    }

    /// Waits (off the cooperative pool) until the session file changes, `timeout` passes (never when
    /// nil) or the task is cancelled; true only for a change. Nothing wakes the process meanwhile:
    /// cancellation wakes the waiting thread through a pipe, so no timeout is needed to notice it.
    public func wait(timeout: Duration? = nil) async -> Bool {
        let cancel = CancelSignal()
        let descriptor = self.descriptor
        // Without a pipe (no descriptors left), cancellation is noticed at the latest every 2 s.
        let limit = timeout ?? (cancel == nil ? .seconds(2) : nil)
        let milliseconds = limit.map { Int32(clamping: $0.components.seconds * 1000 + $0.components.attoseconds / 1_000_000_000_000_000) } ?? -1
        let ready = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                Thread.detachNewThread {
                    var entries = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
                    if let cancel { entries.append(pollfd(fd: cancel.descriptor, events: Int16(POLLIN), revents: 0)) }
                    var result: Int32
                    repeat { result = poll(&entries, nfds_t(entries.count), milliseconds) } while result < 0 && errno == EINTR
                    continuation.resume(returning: result > 0 && entries[0].revents & Int16(POLLIN) != 0)
                }
            }
        } onCancel: {
            cancel?.signal()
        }
        cancel?.close()
        return ready && drain()
    }
}

/// A pipe that a cancellation handler writes to, waking a thread blocked in `poll()` on its read
/// end; closed once the wait is over, after which `signal()` does nothing.
private final class CancelSignal: Sendable {
    /// The read end, to poll.
    let descriptor: Int32
    private let writeEnd: Int32
    private let closed = Mutex(false)

    init?() {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return nil }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        descriptor = ends[0]
        writeEnd = ends[1]
    }

    func signal() {
        closed.withLock { closed in
            guard !closed else { return }
            var byte: UInt8 = 1
            _ = write(writeEnd, &byte, 1)
        }
    }

    func close() {
        closed.withLock { closed in
            guard !closed else { return }
            closed = true
            _ = Glibc.close(descriptor)
            _ = Glibc.close(writeEnd)
        }
    }
}
