import Foundation

/// What rendering needs besides the state: the time (for "updated 2 min ago"), the spinner's frame
/// and the tenant's time zone. Tests pass fixed values.
public struct RenderContext: Sendable, Equatable {
    public var now: Date
    public var spinnerTick: Int
    public var timeZone: TimeZone
    /// The rep's keys, for the hints a dialog draws in its own footer.
    public var keyOverrides: KeyOverrides

    public init(now: Date, spinnerTick: Int = 0, timeZone: TimeZone = TimeZone(identifier: "UTC") ?? .current, keyOverrides: KeyOverrides = .none) {
        self.now = now
        self.spinnerTick = spinnerTick
        self.timeZone = timeZone
        self.keyOverrides = keyOverrides
    }
}
