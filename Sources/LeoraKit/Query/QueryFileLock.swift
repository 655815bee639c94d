#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `flock` and atomic replace for the persisted cache.
enum QueryFileLock {
    struct SystemError: Error, CustomStringConvertible {
        let operation: String
        let path: String
        let code: Int32
        var description: String { "\(operation) \(path): errno \(code)" }
    }

    /// Runs `body` holding an exclusive `flock` on `path` (created 0600 when missing).
    static func withExclusiveLock<Result>(at path: String, _ body: () throws -> Result) throws -> Result {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw SystemError(operation: "open", path: path, code: errno) }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw SystemError(operation: "flock", path: path, code: errno) }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    /// Writes `data` to a temporary file beside `path` with `mode`, syncs it and renames it over `path`.
    static func writeAtomically(_ data: Data, to path: String, mode: mode_t) throws {
        try writeAtomically(to: path, mode: mode) { write in try write(data) }
    }

    /// `writeAtomically` for a file written piece by piece: `body` hands each piece to `write`; the
    /// file replaces `path` only when `body` returns.
    static func writeAtomically<Result>(to path: String, mode: mode_t, _ body: (_ write: (Data) throws -> Void) throws -> Result) throws -> Result {
        if cleanedPaths.withLock({ $0.insert(path).inserted }) { removeAbandonedTemporaries(of: path) }
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw SystemError(operation: "open", path: temporary, code: errno) }
        var succeeded = false
        defer {
            if !succeeded { unlink(temporary) }
        }
        let result: Result
        do {
            defer { close(descriptor) }
            guard fchmod(descriptor, mode) == 0 else { throw SystemError(operation: "fchmod", path: temporary, code: errno) }
            result = try body { data in
                try data.withUnsafeBytes { buffer in
                    var offset = 0
                    while offset < buffer.count {
                        let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                        if written < 0 {
                            if errno == EINTR { continue }
                            throw SystemError(operation: "write", path: temporary, code: errno)
                        }
                        offset += written
                    }
                }
            }
            guard fsync(descriptor) == 0 else { throw SystemError(operation: "fsync", path: temporary, code: errno) }
        }
        guard rename(temporary, path) == 0 else { throw SystemError(operation: "rename", path: path, code: errno) }
        succeeded = true
        return result
    }

    /// The files whose abandoned temporaries this process has removed: once each, at its first write of
    /// them, not at every save.
    private static let cleanedPaths = Mutex<Set<String>>([])

    /// Removes the temporaries of `path` (`<name>.tmp-<pid>-<n>`) that a write cut short left behind — its
    /// process killed, or the machine stopped — once their process is gone and they are older than `age`.
    /// A live process's temporary (one stopped by Ctrl-Z mid-write) is its own to finish.
    static func removeAbandonedTemporaries(of path: String, olderThan age: TimeInterval = 60, now: Date = Date()) {
        let file = URL(fileURLWithPath: path)
        let directory = file.deletingLastPathComponent().path
        let prefix = file.lastPathComponent + ".tmp-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(prefix) {
            let parts = name.dropFirst(prefix.count).split(separator: "-")
            guard parts.count == 2, let pid = pid_t(parts[0]), pid > 0, UInt32(parts[1]) != nil, !isRunning(pid) else { continue }
            let temporary = directory + "/" + name
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: temporary),
                attributes[.type] as? FileAttributeType == .typeRegular,
                let modified = attributes[.modificationDate] as? Date, modified < now.addingTimeInterval(-age)
            else { continue }
            unlink(temporary)
        }
    }

    /// Whether a process `pid` runs on this machine (one of another user's counts: `EPERM`).
    private static func isRunning(_ pid: pid_t) -> Bool {
        pid == getpid() || kill(pid, 0) == 0 || errno != ESRCH
    }
}
