import ArgumentParser
import Foundation
import LeoraKit
import Synchronization

/// The entry point, synchronous on the main thread: the terminal UI runs right here (an async `main`
/// would run it on a libdispatch thread), and a command runs as a task on `LeoraExecutors.tasks`
/// while the main thread waits for it.
@main
enum LeoraMain {
    @MainActor
    static func main() {
        let trace = StartupTrace.shared
        trace.mark("main")
        LeoraExecutors.install()
        CrashReporting.runAgainWithSettingsIfNeeded()
        trace.mark("executor installed, SWIFT_BACKTRACE settled")
        LeoraLogging.bootstrap()
        trace.mark("logging")
        // Global options may come before the subcommand (`leora --server URL orders list`): they are
        // moved after it, where every command accepts them.
        let arguments = GlobalOptions.movedAfterSubcommand(Array(CommandLine.arguments.dropFirst()))
        do {
            if let options = try? InterfaceOptions.parse(arguments) {
                trace.mark("arguments parsed")
                try Leora.runInterface(options)
                return
            }
            var command = try Leora.parseAsRoot(arguments)
            trace.mark("arguments parsed")
            if let interface = command as? Leora {
                try Leora.runInterface(interface.options)
            } else if let asyncCommand = command as? any AsyncParsableCommand {
                try waitFor(asyncCommand)
            } else {
                try command.run()
            }
        } catch {
            Leora.exit(withError: error)
        }
    }

    /// Runs `command` on the task executor and blocks the main thread until it ends.
    private static func waitFor(_ command: any AsyncParsableCommand) throws {
        let handOver = HandOver(command: command)
        let outcome = Mutex<Result<Void, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            let result: Result<Void, any Error>
            do {
                var command = handOver.command
                try await command.run()
                result = .success(())
            } catch {
                result = .failure(error)
            }
            outcome.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        try outcome.withLock { $0 }?.get()
    }

    /// The parsed command, handed to the task once: the main thread does not touch it meanwhile.
    private struct HandOver: @unchecked Sendable {
        var command: any AsyncParsableCommand
    }
}
