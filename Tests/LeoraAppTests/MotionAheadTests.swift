import Foundation
import Testing

@testable import LeoraApp
@testable import TerminalUI

/// Issue 13: the frames of `j` and `k` worked out ahead (`MotionAhead`) are, state and rows, the frames the
/// keys make when they come; they apply only to the state, terminal size and time they were made for.
@Suite struct MotionAheadTests {
    static let width = 120
    static let height = 35
    static let context = MotionRedrawTests.context

    static func basis(_ store: AppStore) -> MotionAhead.Basis {
        MotionAhead.Basis(revision: store.revision, width: width, height: height)
    }

    static func row(_ y: Int, of buffer: Buffer) -> ArraySlice<Cell> {
        buffer.cells[y * buffer.width..<(y + 1) * buffer.width]
    }

    /// Random keys on the list (moves by a row most; to the ends, which scroll or load; the help opened and
    /// closed): each time `j` or `k` comes, its frame was worked out ahead exactly when the key makes a
    /// motion frame and starts no work, and then it is the state the key reduces to and the rows its
    /// motion draws, cell for cell.
    @Test func aFrameWorkedOutAheadIsTheOneTheKeyMakes() {
        let dependencies = Fixtures.dependencies()
        let store = AppStore(state: MotionRedrawTests.ordersApp(width: Self.width, height: Self.height), dependencies: dependencies)
        let keys: [Key] = [.character("j"), .character("j"), .character("k"), .character("j"), .character("k"), .character("?"), .escape, .character("G"), .character("g")]
        var generator = SystemRandomNumberGenerator()
        var motion = MotionRedraw()
        var ahead = MotionAhead()
        var scratch = Buffer(width: Self.width, height: Self.height)
        var taken = 0
        for step in 0..<300 {
            let onScreen = store.state
            ahead.prepare(Self.basis(store), from: onScreen, motion: motion, context: Self.context, validUntil: .distantFuture) {
                store.reducedAhead(.key($0))
            }
            let key = keys.randomElement(using: &generator)!

            // What the key makes the usual way: reduced, then drawn as a motion if it is one.
            var expected = onScreen
            let effect = AppReducer.send(.key(key), into: &expected, dependencies)
            var expectedMotion = motion
            var expectedRows = Buffer(width: Self.width, height: Self.height)
            let rows = effect.doesNothing ? expectedMotion.draw(from: onScreen, to: expected, context: Self.context, into: &expectedRows) : nil

            if let frame = ahead.take(key, basis: Self.basis(store), now: Fixtures.now) {
                taken += 1
                #expect(frame.state == expected, "step \(step): \(key)")
                #expect(frame.rows == rows, "step \(step): \(key)")
                for y in frame.rows {
                    #expect(Self.row(y, of: frame.buffer) == Self.row(y, of: expectedRows), "step \(step): \(key), row \(y)")
                }
                store.adopt(frame.state)
                motion = frame.motion
            } else {
                if MotionAhead.keys.contains(key) { #expect(rows == nil, "step \(step): \(key) makes a motion frame, not worked out ahead") }
                store.send(.key(key))
                // As the runtime's loop: a motion frame, else the frame drawn whole.
                if motion.draw(from: onScreen, to: store.state, context: Self.context, into: &scratch) == nil { motion.frameDrawnWhole() }
            }
        }
        #expect(taken > 60, "\(taken) frames taken ahead")
    }

    /// A frame applies to the state it was made from (no action reduced since), the terminal's size and a
    /// time before the clock text changes; asking for another key lets the frames go.
    @Test func aFrameAppliesOnlyToItsStateSizeAndTime() throws {
        let store = AppStore(state: MotionRedrawTests.ordersApp(width: Self.width, height: Self.height), dependencies: Fixtures.dependencies())
        let j = Key.character("j")
        var ahead = MotionAhead()
        func prepare(validUntil: Date = .distantFuture) {
            ahead.prepare(Self.basis(store), from: store.state, motion: MotionRedraw(), context: Self.context, validUntil: validUntil) {
                store.reducedAhead(.key($0))
            }
        }
        let now = Fixtures.now

        prepare()
        #expect(ahead.isPrepared(for: Self.basis(store)))
        #expect(ahead.take(j, basis: MotionAhead.Basis(revision: store.revision + 1, width: Self.width, height: Self.height), now: now) == nil)
        #expect(!ahead.isPrepared(for: Self.basis(store)))
        #expect(ahead.take(j, basis: Self.basis(store), now: now) == nil, "let go of once the key was asked for")
        prepare()
        #expect(ahead.take(j, basis: MotionAhead.Basis(revision: store.revision, width: 100, height: Self.height), now: now) == nil)
        prepare(validUntil: now)
        #expect(ahead.take(j, basis: Self.basis(store), now: now) == nil, "the status bar's clock text changes now")
        prepare()
        #expect(ahead.take(.character("x"), basis: Self.basis(store), now: now) == nil)
        #expect(ahead.take(j, basis: Self.basis(store), now: now) == nil, "let go of once another key came")

        prepare(validUntil: now.addingTimeInterval(1))
        let taken = ahead.take(j, basis: Self.basis(store), now: now)
        let frame = try #require(taken)
        #expect(frame.state.orders.table.selected == 1)
        #expect(store.state.orders.table.selected == 0, "worked out on a copy")

        prepare()
        store.send(.showToast("Saved.", .info))
        #expect(ahead.take(j, basis: Self.basis(store), now: now) == nil, "an action was reduced since")
    }
}
