import Foundation
import Synchronization

/// A child process started with `posix_spawn`: standard output and error into one pipe, no other
/// descriptor inherited, its end seen with `waitpid`.
///
/// Not `Foundation.Process` for a server that lives through a test: it learns of an exit only when every
/// copy of a socket it hands the child is closed, and a copy inherited by another child started at that
/// moment (another portal, a tmux server) hides the exit until that child ends too.
public final class SpawnedChild: Sendable {
    public let pid: pid_t
    /// The read end of the child's standard output and error; the caller reads it to its end.
    public let output: FileHandle
    /// The wait status once reaped; reaping happens under the lock, so the pid is never waited for twice.
    private let reaped = Mutex<Int32?>(nil)

    /// With `directory`, the child starts there (through `env --chdir`).
    public init(executable: String, arguments: [String], environment: [String: String], directory: URL? = nil) throws {
        let (executable, arguments) = directory.map { ("/usr/bin/env", ["--chdir", $0.path, executable] + arguments) } ?? (executable, arguments)
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw TestFailure("pipe failed: errno \(errno)") }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
        posix_spawn_file_actions_adddup2(&actions, ends[1], 2)
        actions.closeDescriptorsAboveStandardError()
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        close(ends[1])
        guard spawned == 0 else {
            close(ends[0])
            throw TestFailure("\(executable) could not be started (\(String(cString: strerror(spawned))))")
        }
        self.pid = pid
        self.output = FileHandle(fileDescriptor: ends[0], closeOnDealloc: true)
    }

    /// Whether the child still runs (it is reaped as soon as it is seen to have ended).
    public var isRunning: Bool { waitStatus(blocking: false) == nil }

    public func signal(_ signal: Int32) {
        reaped.withLock { if $0 == nil { _ = kill(pid, signal) } }
    }

    /// Blocks until the child ends; its exit status, or the number of the signal it died of.
    public func waitUntilExit() -> Int32 {
        let status = waitStatus(blocking: true) ?? 0
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : status & 0x7F
    }

    private func waitStatus(blocking: Bool) -> Int32? {
        reaped.withLock { reaped in
            if let reaped { return reaped }
            var status: Int32 = 0
            var result: pid_t
            repeat { result = waitpid(pid, &status, blocking ? 0 : WNOHANG) } while result < 0 && errno == EINTR
            guard result == pid else { return nil }
            reaped = status
            return status
        }
    }
}
