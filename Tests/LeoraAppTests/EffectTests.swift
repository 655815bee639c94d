import Testing

@testable import LeoraApp

@Suite struct EffectTests {
    enum Action: Sendable, Equatable { case a(Int), b }

    @Test func mapAndCollect() async {
        let effect = Effect<Int>.merge(.run(id: EffectID("one")) { send in send(1) }, .cancel(EffectID("two")), .none)
        let mapped = effect.map { Action.a($0) }
        #expect(mapped.runIDs == [EffectID("one")])
        #expect(mapped.cancelledIDs == [EffectID("two")])
        #expect(await mapped.collectActions() == [.a(1)])
    }
}
