import Foundation
import TerminalUI

/// The motion frames (`MotionRedraw`) of `j` and `k` worked out ahead: once a frame is on screen, while
/// the rep reads it, each key's state and rows are made; when that key comes next and nothing has changed
/// since — no action reduced, the same terminal size, no clock text due to change — they are taken as they
/// are and only written. A key that would start or cancel work (a move onto a page not loaded), or whose
/// frame is not a motion, is not worked out and takes the usual way, as does every other key.
///
/// What is taken is what the key would have made: the same reducer on the same state (it reads no clock
/// for a move, and a motion frame's state differs from the last only in the selection), the same
/// `MotionRedraw` from the same frame, and the clock text of a time before its next change.
struct MotionAhead {
    /// The keys worked out: the moves a rep presses most on a list (held, they repeat).
    static let keys: [Key] = [.character("j"), .character("k")]

    /// What frames are worked out from: they apply while it is so.
    struct Basis: Equatable {
        /// `AppStore.revision` of the state on screen.
        var revision: Int
        var width: Int
        var height: Int
    }

    /// One key's frame, worked out ahead.
    struct Frame {
        let key: Key
        /// The state the key makes.
        let state: AppState
        /// The redraw that drew it, to carry on from once the frame is on screen.
        let motion: MotionRedraw
        /// The rows to write, drawn in `buffer` (its other rows are never read).
        let rows: [Int]
        let buffer: Buffer
    }

    private var basis: Basis?
    /// The time at which time alone changes what the frames show ("updated 3 min ago"): they apply before it.
    private var validUntil = Date.distantPast
    private var frames: [Frame] = []
    /// Buffers of frames let go of, drawn into next.
    private var spareBuffers: [Buffer] = []

    /// Whether the frames are those of `basis` (else `prepare` works them out again).
    func isPrepared(for basis: Basis) -> Bool { self.basis == basis }

    /// Works out the frame of each of `keys` from `state`, the state on screen, which `motion` drew (or
    /// after which it was told `frameDrawnWhole`). `reducedAhead` gives a key's state, or nil when the key
    /// would do more than change the state.
    mutating func prepare(
        _ basis: Basis, from state: AppState, motion: MotionRedraw, context: RenderContext, validUntil: Date,
        reducedAhead: (Key) -> AppState?
    ) {
        letGo()
        self.basis = basis
        self.validUntil = validUntil
        for key in Self.keys {
            guard let next = reducedAhead(key) else { continue }
            var motion = motion
            var buffer = spareBuffers.popLast() ?? Buffer(width: basis.width, height: basis.height)
            if buffer.width != basis.width || buffer.height != basis.height { buffer = Buffer(width: basis.width, height: basis.height) }
            guard let rows = motion.draw(from: state, to: next, context: context, into: &buffer) else {
                spareBuffers.append(buffer)
                continue
            }
            frames.append(Frame(key: key, state: next, motion: motion, rows: rows, buffer: buffer))
        }
    }

    /// The frame of `key`, if it was worked out from `basis` and `now` is before the frames' clock text
    /// changes; the others are let go of either way (once a key is taken they no longer apply).
    mutating func take(_ key: Key, basis: Basis, now: Date) -> Frame? {
        defer { letGo() }
        guard basis == self.basis, now < validUntil, let index = frames.firstIndex(where: { $0.key == key }) else { return nil }
        return frames.remove(at: index)
    }

    /// Gives `buffer` (a taken frame's, once written) back for the next frames.
    mutating func recycle(_ buffer: Buffer) {
        if spareBuffers.count < Self.keys.count { spareBuffers.append(buffer) }
    }

    private mutating func letGo() {
        spareBuffers += frames.map(\.buffer)
        frames.removeAll(keepingCapacity: true)
        basis = nil
    }
}
