import Foundation
import NcursesBackend
import TerminalUI

/// The frame a repeated key will need, worked out after the last one was drawn, while the rep reads it:
/// the key's outcome (`AppStore.Preview`) and the rows its motion frame draws (`MotionRedraw`), down to
/// their ncurses calls. When that key comes next and nothing was reduced or drawn in between, the calls
/// are made at once and the key's work is already done; anything else (a resize is an action too), and
/// the key goes the usual way.
/// A class: taken at the key, its state is not copied.
final class PreparedMotion {
    let key: Key
    let preview: AppStore.Preview
    /// The rows of the runtime's prepared buffer, ready for the terminal.
    let rows: PreparedRows
    /// What `MotionRedraw` keeps once those rows are on screen.
    let motion: MotionRedraw
    /// The clock it was drawn at, and when time alone would change the frame (the status bar's "updated N
    /// min ago"; nil: never): its clock text holds from the one to the other.
    let madeAt: Date
    let validUntil: Date?

    init(key: Key, preview: AppStore.Preview, rows: PreparedRows, motion: MotionRedraw, madeAt: Date, validUntil: Date?) {
        self.key = key
        self.preview = preview
        self.rows = rows
        self.motion = motion
        self.madeAt = madeAt
        self.validUntil = validUntil
    }

    /// Whether it is `key`'s frame at `now`.
    func holds(for key: Key, now: Date) -> Bool {
        key == self.key && Self.clockTextHolds(madeAt: madeAt, validUntil: validUntil, at: now)
    }

    /// Whether the clock text of a frame drawn at `madeAt`, the same until `validUntil`, is still right at
    /// `now`: not once it changed, nor on a clock set back before it was drawn (NTP).
    static func clockTextHolds(madeAt: Date, validUntil: Date?, at now: Date) -> Bool {
        now >= madeAt && validUntil.map { now < $0 } ?? true
    }
}
