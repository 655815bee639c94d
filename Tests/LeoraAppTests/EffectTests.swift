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
}
