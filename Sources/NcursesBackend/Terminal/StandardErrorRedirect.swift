#if canImport(Glibc)
import Glibc
#endif

/// Sends standard error to a file (the log) while the UI owns the terminal: whatever the Swift
/// runtime or a library writes there — a fatal error's message, a crash's backtrace, a warning —
/// would otherwise be drawn over the screen and lost with the alternate screen. The file is opened
/// to append (`O_APPEND`, `O_NOFOLLOW`, mode 0600, as the log itself). `terminalDescriptor` keeps the
/// terminal's standard error, for the crash message; `restore()` puts it back as descriptor 2.
final class StandardErrorRedirect {
    /// The standard error found before (close-on-exec), until `restore()`.
    let terminalDescriptor: Int32
    private var isRestored = false

    /// Nil when the file cannot be opened: standard error then stays where it was.
    init?(toFileAt path: String) {
        let file = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard file >= 0 else { return nil }
        defer { close(file) }
        let saved = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3)
        guard saved >= 0 else { return nil }
        guard dup2(file, STDERR_FILENO) >= 0 else {
            close(saved)
            return nil
        }
        terminalDescriptor = saved
    }

    deinit { restore() }

    func restore() {
        guard !isRestored else { return }
        isRestored = true
        dup2(terminalDescriptor, STDERR_FILENO)
        close(terminalDescriptor)
    }
}
