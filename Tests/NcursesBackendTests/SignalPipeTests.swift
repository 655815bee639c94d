#if canImport(Glibc)
import Glibc
#endif
import Testing

@testable import NcursesBackend

/// Serialized: signal handlers and the wake descriptor are process-wide.
@Suite(.serialized) struct SignalPipeTests {
    @Test func raisedWindowChangeArrivesAsOneByte() throws {
        let pipe = try WakePipe()
        let signals = try SignalPipe(signals: [.windowChanged], wakePipe: pipe)
        defer { signals.uninstall() }
        raiseUnblocked(SIGWINCH)
        raiseUnblocked(SIGWINCH)
        #expect(EventLoopWaiter().waitForReadable([pipe.readDescriptor], timeout: .seconds(2)) == [pipe.readDescriptor])
        #expect(pipe.drain() == [.signal(.windowChanged)])
        #expect(pipe.drain() == [])
    }

    @Test func wakeAndSignalsAreTold() throws {
        let pipe = try WakePipe()
        let signals = try SignalPipe(signals: [.windowChanged, .hangup], wakePipe: pipe)
        defer { signals.uninstall() }
        pipe.wake()
        raiseUnblocked(SIGHUP)
        pipe.wake()
        #expect(pipe.drain() == [.woken, .signal(.hangup)])
    }

    @Test func ctrlZIgnoredWhenStartedStaysIgnored() throws {
        var ignore = sigaction()
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        var before = sigaction()
        sigaction(SIGTSTP, &ignore, &before)
        defer { sigaction(SIGTSTP, &before, nil) }
        let signals = try SignalPipe(signals: [.suspend, .quit], wakePipe: WakePipe())
        defer { signals.uninstall() }
        var during = sigaction()
        sigaction(SIGTSTP, nil, &during)
        let handler = { (action: sigaction) in unsafeBitCast(action.__sigaction_handler, to: Int.self) }
        #expect(handler(during) == handler(ignore))
        var quit = sigaction()
        sigaction(SIGQUIT, nil, &quit)
        #expect(handler(quit) != handler(ignore), "Ctrl-\\ is taken all the same")
    }

    @Test func uninstallRestoresTheEarlierHandler() throws {
        var before = sigaction()
        sigaction(SIGWINCH, nil, &before)
        let signals = try SignalPipe(signals: [.windowChanged], wakePipe: WakePipe())
        signals.uninstall()
        var after = sigaction()
        sigaction(SIGWINCH, nil, &after)
        let handler = { (action: sigaction) in unsafeBitCast(action.__sigaction_handler, to: Int.self) }
        #expect(handler(after) == handler(before))
    }
}

/// `raise` with the signal unblocked on this thread: test threads block most signals, and a
/// blocked signal raised on its own thread would wait for ever.
func raiseUnblocked(_ signal: Int32) {
    var unblocked = sigset_t()
    sigemptyset(&unblocked)
    sigaddset(&unblocked, signal)
    var previous = sigset_t()
    pthread_sigmask(SIG_UNBLOCK, &unblocked, &previous)
    raise(signal)
    pthread_sigmask(SIG_SETMASK, &previous, nil)
}
