import Foundation

/// Runs blocking `work` (reading a child process's pipes, waiting for it to exit) on a thread of
/// its own and awaits the result. Never block the cooperative pool for that: it has one thread
/// per core (two here), and a child talking to a server running in this process needs that pool
/// to be answered, so two blocked readers would stall every test at once.
public func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: work()) }.start()
    }
}
