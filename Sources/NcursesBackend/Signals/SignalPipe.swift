import CNcurseswShim
#if canImport(Glibc)
import Glibc
#endif

/// Routes SIGWINCH, SIGINT, SIGTERM, SIGHUP and SIGQUIT to a `WakePipe`: their handler writes the
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
