@_spi(ExperimentalCustomExecutors) import _Concurrency
import LeoraKit

/// The process's executors: the main one stays the platform's; every other task, actor and
/// `Task.sleep` runs on one `ThreadExecutor` thread, so an idle `leora` never wakes (libdispatch's
/// worker pool, whose monitor wakes once a second, is never started). Installed first thing in
/// `LeoraMain.main`, before any task exists.
struct LeoraExecutors: ExecutorFactory {
    static let tasks = ThreadExecutor()
    static var mainExecutor: any MainExecutor { PlatformExecutorFactory.mainExecutor }
    static var defaultExecutor: any TaskExecutor { tasks }

    static func install() { _createExecutors(factory: Self.self) }
}
