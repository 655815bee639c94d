import Synchronization
import Testing

@testable import LeoraApp

@Suite struct EffectTests {
    enum Action: Sendable, Equatable { case a(Int), b }

    @Test func mapAndCollect() async {
        let effect = Effect<Int>.merge(.run(id: EffectID("one")) { send in send(1) }, .cancel(EffectID("two")), .send(2), .terminal(.quit), .none)
        let mapped = effect.map { Action.a($0) }
        #expect(mapped.runIDs == [EffectID("one")])
        #expect(mapped.cancelledIDs == [EffectID("two")])
        #expect(mapped.sentActions == [.a(2)])
        #expect(mapped.terminalRequests == [.quit])
        #expect(await mapped.collectActions() == [.a(1), .a(2)])
    }

    /// What a reducer sends straight back is reduced at once, in order, before anything else happens;
    /// what remains is the work to start.
    @Test func sentActionsAreFedBackInOrder() {
        var log: [Int] = []
        let rest = Effect<Int>.feeding(1, into: &log) { log, action in
            log.append(action)
            switch action {
            case 1: return .merge(.send(2), .run(id: EffectID("work")) { _ in }, .send(3))
            case 2: return .send(4)
            default: return .none
            }
        }
        #expect(log == [1, 2, 3, 4])
        #expect(rest.sentActions.isEmpty)
        #expect(rest.runIDs == [EffectID("work")])
    }

    /// Work put `after` something starts only once it returned, keeps its id, and does not start at
    /// all when cancelled meanwhile; what is not work is left as it was.
    @Test func workAfterAWaitStartsOnceTheWaitReturned() async {
        let log = Mutex<[String]>([])
        let effect = Effect<Int>.merge(.run(id: EffectID("one")) { send in
            log.withLock { $0.append("work") }
            send(1)
        }, .send(2)).after {
            log.withLock { $0.append("wait") }
        }
        #expect(effect.runIDs == [EffectID("one")])
        #expect(effect.sentActions == [2])
        #expect(await effect.collectActions() == [1, 2])
        #expect(log.withLock { $0 } == ["wait", "work"])
    }

    @Test func workCancelledWhileWaitingNeverStarts() async {
        let started = Mutex(false)
        let (released, release) = AsyncStream.makeStream(of: Void.self)
        let effect = Effect<Int>.run(id: EffectID("one")) { _ in started.withLock { $0 = true } }.after {
            for await _ in released { return }
        }
        guard case .run(_, let operation) = effect else {
            Issue.record("still one piece of work")
            return
        }
        let task = Task { await operation(Send { _ in }) }
        task.cancel()
        release.yield()
        release.finish()
        await task.value
        #expect(!started.withLock { $0 })
    }
}
