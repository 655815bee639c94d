import Foundation
import LeoraKit
import NcursesBackend
import TerminalUI

/// The one loop that owns the terminal. It sleeps in `poll()` on stdin, the wake pipe and the
/// session directory's watch; keys, signals and effects' actions go through the reducer; a frame is
/// drawn only when the state changed or time changed what it shows (`RedrawSchedule`), and the
/// terminal's diff writes only what differs. The state, reducer and effects are an `AppStore`: effects run on
/// detached tasks and hand actions back through an `ActionQueue` plus one byte on the wake pipe;
/// what they ask of the terminal (copy, theme, quit) is done here, on the loop's thread.
final class Runtime {
    private let terminal: NcursesTerminal
    private var profile: ProfileSession
    private let opener: ProfileOpener
    /// The clock of the profile in use (read through the profile, without copying its other dependencies).
    private var now: Date { profile.dependencies.now() }
    private var watcher: SessionFileWatcher? { profile.watcher }
    private let themes: ThemeFiles
    private let store: AppStore
    private let waiter = EventLoopWaiter()
    /// The store's state, lent: the loop reads it several times a turn, and each copy would retain its every field.
    private var state: AppState { _read { yield store.state } }
    private var quitting = false
    /// The buffer the terminal let go of, drawn into next (see `Buffer.clear`).
    private var spareFrame = Buffer(width: 0, height: 0)
    /// Where a motion frame's few rows are drawn (`MotionRedraw`); its other rows are never read.
    private var motionRows = Buffer(width: 0, height: 0)
    private var motion = MotionRedraw()
    /// The frame on screen: the state it shows, drawn with the spinner at `tick` for a terminal of `size`,
    /// at the store's `revision`.
    private struct Frame {
        var state: AppState
        var tick: Int
        var size: TerminalSize
        var revision: Int
        /// Drawn by `MotionRedraw` (only the rows a moved selection changed).
        var isMotion = false
    }
    private var lastFrame: Frame?
    /// The next press of the last key, worked out after its frame (`PreparedMotion`); nil when there is none.
    private var prepared: PreparedMotion?
    /// Where `prepared`'s rows are drawn; its other rows are never read.
    private var preparedRows = Buffer(width: 0, height: 0)
    private let started = ContinuousClock.now
    private let firstFrame: FirstFrameGate

    init(terminal: NcursesTerminal, state: AppState, profile: ProfileSession, opener: ProfileOpener, themes: ThemeFiles, firstFrame: FirstFrameGate) {
        self.terminal = terminal
        self.firstFrame = firstFrame
        self.themes = themes
        self.profile = profile
        self.opener = opener
        let wakePipe = terminal.wakePipe
        store = AppStore(state: state, dependencies: profile.dependencies, wake: { wakePipe.wake() })
    }

    /// The profile in use now (its cache is written once more at exit).
    var currentProfile: ProfileSession { profile }

    /// Runs until `q` or a terminating signal.
    func run(initialActions: [AppAction]) {
        defer { store.cancelAll() }
        send(.resized(width: terminal.size.width, height: terminal.size.height))
        initialActions.forEach(send)
        var firstFrameDrawn = false
        // The key read last, when it came alone: the one whose next press is prepared.
        var lastKey: Key?
        let trace = FrameTrace.shared
        while !quitting {
            perform(store.receive())
            if quitting { break }
            trace.mark(.reduced)

            let tick = state.isLoading ? spinnerTick() : 0
            let firstFrameWait = firstFrameDrawn ? nil : FirstFrame.wait(for: state, elapsed: ContinuousClock.now - started)
            let sameTickAndSize = lastFrame.map { $0.tick == tick && $0.size == terminal.size } ?? false
            if sameTickAndSize, lastFrame?.revision == store.revision {
                // Nothing reduced since the frame on screen (a prepared key's frame, drawn as it came).
                trace.dropFrame()
            } else if firstFrameWait == nil, sameTickAndSize, lastFrame != nil, drawMotion(from: &lastFrame!.state, tick: tick) {
                // A moved selection is found (and drawn) first: its check compares the states once, so the
                // whole comparison is left to the frames that are not motion.
                lastFrame = Frame(state: state, tick: tick, size: terminal.size, revision: store.revision, isMotion: true)
            } else if firstFrameWait == nil, !sameTickAndSize || lastFrame?.state != state {
                trace.mark(.compared)
                draw(tick: tick)
                lastFrame = Frame(state: state, tick: tick, size: terminal.size, revision: store.revision)
                if !firstFrameDrawn {
                    firstFrameDrawn = true
                    firstFrame.open()
                }
            } else {
                lastFrame?.revision = store.revision
                trace.dropFrame()
            }
            // A key's motion frame is on screen: its next press is worked out (again, when an action came
            // since) while the rep reads it.
            if let key = lastKey, lastFrame?.isMotion == true {
                if prepared?.preview.revision != store.revision { prepared = prepare(key) }
            } else {
                prepared = nil
            }

            // Wake only when time alone would change the screen (the spinner while loading, "updated N min
            // ago" once a minute); nothing else: an idle leora sleeps until a key, a signal or an action.
            var timeout = RedrawSchedule.timeout(for: state, now: now, spinnerElapsed: ContinuousClock.now - started)
            if let firstFrameWait { timeout = min(timeout ?? firstFrameWait, firstFrameWait) }
            var descriptors = [terminal.inputDescriptor, terminal.wakePipe.readDescriptor]
            if let watcher { descriptors.append(watcher.descriptor) }
            let ready = waiter.waitForReadable(descriptors, timeout: timeout)

            if ready.contains(terminal.wakePipe.readDescriptor) {
                for wakeup in terminal.wakePipe.drain() {
                    switch wakeup {
                    case .woken: break
                    case .signal(.windowChanged): resized(terminal.handleWindowChange())
                    case .signal(.interrupt), .signal(.terminate), .signal(.hangup), .signal(.quit): send(.quit)
                    case .signal(.suspend):
                        terminal.suspend()
                        resized(terminal.handleWindowChange())
                    }
                }
            }
            if ready.contains(terminal.inputDescriptor) {
                trace.mark(.keyArrived)
                let keys = terminal.readKeys()
                trace.mark(.keysRead)
                lastKey = keys.count == 1 && keys[0] != .resize ? keys[0] : nil
                if let key = lastKey, drawPrepared(for: key) {
                    // Its frame is out already, its work done.
                } else {
                    for key in keys {
                        if key == .resize {
                            resized(terminal.handleWindowChange())
                        } else {
                            send(.key(key))
                        }
                    }
                }
            }
            if let watcher, ready.contains(watcher.descriptor), watcher.drain() {
                send(.sessionFileChanged)
            }
            // A quiet timeout: render again for the clock (the diff writes only what changed).
            if ready.isEmpty { lastFrame = nil }
        }
    }

    private func resized(_ size: TerminalSize) {
        send(.resized(width: size.width, height: size.height))
    }

    private func send(_ action: AppAction) {
        perform(store.send(action))
    }

    /// Carries out the terminal's requests; what they say about how it went is sent on.
    private func perform(_ requests: [TerminalRequest]) {
        for request in requests {
            switch request {
            case .copyToClipboard(let text):
                terminal.copyToClipboard(text)
            case .applyTheme(let name):
                do {
                    terminal.theme = try themes.catalog(reading: name).theme(named: name)
                    send(.showToast("Theme \(name).", .info))
                } catch {
                    send(.showToast(HintText(error.description), .danger))
                }
            case .switchProfile(let name):
                switchProfile(to: name)
            case .quit:
                quitting = true
            }
        }
    }

    /// Opens `name`'s session and cache, writes the old profile's cache one last time (its effects were
    /// cancelled by the reducer), and hands the app the new dependencies.
    private func switchProfile(to name: String) {
        switch opener.open(name) {
        case .success(let next):
            let (old, cart) = (profile.keeper, profile.dependencies.cart)
            LeoraApp.wait(upTo: .seconds(2)) {
                await cart.sendHeldChanges()
                await old.detach()
            }
            profile = next
            store.replaceDependencies(next.dependencies)
            send(.profileSwitched(next.info))
        case .failure(let failure):
            // The old profile's effects are gone: it starts again as it was.
            send(.profileSwitched(profile.info))
            send(.showToast(HintText(failure.description), .danger))
        }
    }

    private func spinnerTick() -> Int {
        let elapsed = ContinuousClock.now - started
        return Int(elapsed / Spinner.frameInterval)
    }

    /// Draws only the rows a moved selection changed (`MotionRedraw`); false when the frame needs drawing whole.
    private func drawMotion(from old: inout AppState, tick: Int) -> Bool {
        fitToScreen(&motionRows)
        let context = RenderContext(now: now, spinnerTick: tick, timeZone: state.timeZone)
        guard let rows = motion.draw(from: &old, to: state, context: context, into: &motionRows) else { return false }
        FrameTrace.shared.mark(.rendered)
        guard terminal.drawRows(rows, of: motionRows) else { return false }
        FrameTrace.shared.markMotion()
        FrameTrace.shared.mark(.drawn)
        return true
    }

    /// A buffer of the screen's size: `buffer` when it is, else a new one.
    private func fitToScreen(_ buffer: inout Buffer) {
        let size = terminal.size
        if buffer.width != size.width || buffer.height != size.height { buffer = Buffer(width: size.width, height: size.height) }
    }

    /// `key`'s next press worked out on the state on screen, when its frame is a motion frame (and neither
    /// state is loading: the spinner turns with time); nil otherwise.
    private func prepare(_ key: Key) -> PreparedMotion? {
        guard lastFrame?.revision == store.revision, !state.isLoading, let preview = store.preview(.key(key)),
            !preview.state.isLoading
        else { return nil }
        fitToScreen(&preparedRows)
        let at = now
        var next = motion
        let context = RenderContext(now: at, spinnerTick: 0, timeZone: preview.state.timeZone)
        guard let rows = next.draw(from: &lastFrame!.state, to: preview.state, context: context, into: &preparedRows),
            let calls = terminal.prepareRows(rows, of: preparedRows)
        else { return nil }
        return PreparedMotion(
            key: key, preview: preview, rows: calls, motion: next, madeAt: at, validUntil: RedrawSchedule.nextClockTextChange(for: preview.state, now: at))
    }

    /// Draws `key`'s prepared frame and takes its outcome; false, and nothing done, when none holds.
    private func drawPrepared(for key: Key) -> Bool {
        guard let prepared, prepared.holds(for: key, now: now) else { return false }
        let requests = store.send(prepared.preview) {
            FrameTrace.shared.mark(.reduced)
            if terminal.draw(prepared.rows, of: preparedRows) {
                FrameTrace.shared.markMotion(prepared: true)
                FrameTrace.shared.mark(.drawn)
                motion = prepared.motion
                lastFrame = Frame(state: state, tick: 0, size: terminal.size, revision: store.revision, isMotion: true)
            } else {
                // Drawn whole at the loop's top.
                lastFrame = nil
            }
        }
        guard let requests else { return false }
        perform(requests)
        return true
    }

    private func draw(tick: Int) {
        motion.frameDrawnWhole()
        // Taken, not copied, so its storage is this frame's alone and clearing writes it in place.
        var buffer = Buffer(width: 0, height: 0)
        swap(&buffer, &spareFrame)
        buffer.clear(width: terminal.size.width, height: terminal.size.height)
        AppView.render(state, context: RenderContext(now: now, spinnerTick: tick, timeZone: state.timeZone), into: &buffer)
        FrameTrace.shared.mark(.rendered)
        spareFrame = terminal.draw(buffer)
        FrameTrace.shared.mark(.drawn)
        let trace = StartupTrace.shared
        if trace.isEnabled {
            trace.mark("first frame drawn", once: "first frame")
            if state.briefing.payload != nil { trace.mark("briefing on screen", once: "briefing") }
        }
    }
}
