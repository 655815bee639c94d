import CNcurseswShim
#if canImport(Glibc)
import Glibc
#endif

/// Routes SIGWINCH, SIGINT, SIGTERM, SIGHUP, SIGQUIT and SIGTSTP to a `WakePipe`: their handler writes the
/// signal number as one byte and does nothing else, so signals landing on any thread
/// reach the loop as `Wakeup.signal`. Install before `initscr` so ncurses keeps its own
/// handlers out. One installation per process at a time; `uninstall()` (or deinit) puts
/// the earlier handlers back.
public final class SignalPipe {
    public let wakePipe: WakePipe
    public let signals: [TerminalSignal]
    private var previousActions: [Int32: sigaction] = [:]
    private var isInstalled = true

    public init(signals: [TerminalSignal] = TerminalSignal.allCases, wakePipe: WakePipe) throws(TerminalError) {
        self.wakePipe = wakePipe
        self.signals = signals
        leora_set_wake_descriptor(wakePipe.writeDescriptor)
        for signal in signals {
            // A program started with Ctrl-Z ignored (by a shell without job control) must not stop.
            if signal == .suspend, Self.isIgnored(signal.number) { continue }
            var action = sigaction()
            action.__sigaction_handler.sa_handler = leora_wake_signal_handler
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            var previous = sigaction()
            guard sigaction(signal.number, &action, &previous) == 0 else {
                let failure = errno
                uninstall()
                throw .systemCallFailed("sigaction", errno: failure)
            }
            previousActions[signal.number] = previous
        }
    }

    deinit { uninstall() }

    private static func isIgnored(_ number: Int32) -> Bool {
        var current = sigaction()
        sigaction(number, nil, &current)
        return current.sa_flags & SA_SIGINFO == 0 && unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    /// Stops the process as Ctrl-Z would have without this pipe (the default action of SIGTSTP), and
    /// returns once it is continued, the pipe's handler back in place.
    public func stopProcess() {
        let number = TerminalSignal.suspend.number
        guard previousActions[number] != nil else { return }
        var ours = sigaction()
        var defaultAction = sigaction()
        defaultAction.__sigaction_handler.sa_handler = SIG_DFL
        sigemptyset(&defaultAction.sa_mask)
        sigaction(number, &defaultAction, &ours)
        // Unblocked on this thread, so the stop happens here and now.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, number)
        var previousMask = sigset_t()
        pthread_sigmask(SIG_UNBLOCK, &set, &previousMask)
        raise(number)
        pthread_sigmask(SIG_SETMASK, &previousMask, nil)
        sigaction(number, &ours, nil)
    }

    public func uninstall() {
        guard isInstalled else { return }
        isInstalled = false
        for (number, var previous) in previousActions {
            sigaction(number, &previous, nil)
        }
        previousActions = [:]
        leora_set_wake_descriptor(-1)
    }
}
