import LeoraKit
import Synchronization

/// The session's restore, started before the app asks for it: at start-up the session and cache
/// files are read on the task thread while the main thread sets up the terminal. The first
/// `SessionClient.restore` takes what it found; later ones (a profile opened again) read anew.
final class RestoreAhead: Sendable {
    private let started: Mutex<Task<SessionState, Never>?>

    init(_ restore: @escaping @Sendable () async -> SessionState) {
        started = Mutex(Task.detached { await restore() })
    }

    /// The restore started ahead, the first time it is asked for; nil after.
    func take() -> Task<SessionState, Never>? {
        started.withLock { started in
            defer { started = nil }
            return started
        }
    }
}
