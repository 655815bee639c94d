#if canImport(Glibc)
import Glibc
#endif
import Foundation

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

    /// Waits (off the cooperative pool) until the session file changes or `timeout` passes; for tools and tests.
    public func wait(timeout: Duration) async -> Bool {
        let descriptor = self.descriptor
        let milliseconds = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        let ready = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                continuation.resume(returning: poll(&entry, 1, milliseconds) > 0)
            }
        }
        return ready && drain()
    }
}
