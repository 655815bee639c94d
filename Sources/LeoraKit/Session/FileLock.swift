#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// An exclusive `flock` on a lock file. Waits by polling the non-blocking form between short task
/// sleeps, so no thread of the cooperative pool ever blocks.
final class FileLock {
    struct Timeout: Error {}

    private var descriptor: Int32

    static func acquire(_ url: URL, timeout: Duration = .seconds(30)) async throws -> FileLock {
        let descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path]) }
        let deadline = ContinuousClock.now + timeout
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, ContinuousClock.now < deadline else {
                close(descriptor)
                throw Timeout()
            }
            do {
                try await Task.sleep(for: .milliseconds(5))
            } catch {
                close(descriptor)
                throw error
            }
        }
        return FileLock(descriptor: descriptor)
    }

    /// Takes the lock only if it is free now: nil while someone else holds it.
    static func acquire(_ url: URL, waiting: Bool) throws -> FileLock? {
        precondition(!waiting, "use acquire(_:timeout:) to wait")
        let descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path]) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        return FileLock(descriptor: descriptor)
    }

    private init(descriptor: Int32) { self.descriptor = descriptor }

    func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
