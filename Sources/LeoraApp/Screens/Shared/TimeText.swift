import Foundation
import Synchronization

/// Times as the screens write them.
public enum TimeText {
    /// "2026-11-29 08:00" in `timeZone`.
    public static func dateTime(_ date: Date, in timeZone: TimeZone) -> String {
        let parts = civilTime(date, in: timeZone)
        return day(parts) + " \(zeroPadded(parts.hour, 2)):\(zeroPadded(parts.minute, 2))"
    }

    /// The calendar's answer: for dates `CivilTime` leaves to it, and to check it against.
    static func calendarTime(_ date: Date, in timeZone: TimeZone) -> CivilTime {
        let parts = calendar(timeZone).dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return CivilTime(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0, hour: parts.hour ?? 0, minute: parts.minute ?? 0)
    }

    /// "2026-11-29" in `timeZone`.
    public static func date(_ date: Date, in timeZone: TimeZone) -> String { day(civilTime(date, in: timeZone)) }

    private static func civilTime(_ date: Date, in timeZone: TimeZone) -> CivilTime {
        CivilTime(date, in: timeZone) ?? calendarTime(date, in: timeZone)
    }

    /// "2026-11-29".
    private static func day(_ parts: CivilTime) -> String {
        "\(zeroPadded(parts.year, 4))-\(zeroPadded(parts.month, 2))-\(zeroPadded(parts.day, 2))"
    }

    /// "just now", "3 min ago", "2 h ago", "4 d ago".
    public static func ago(_ date: Date, now: Date) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(date)))
        if seconds < 60 { return "just now" }
        if seconds < 3600 { return "\(seconds / 60) min ago" }
        if seconds < 86_400 { return "\(seconds / 3600) h ago" }
        return "\(seconds / 86_400) d ago"
    }

    /// When ``ago(_:now:)`` (the status bar's "updated 3 min ago") next says something else: the next
    /// minute (hour, day) since `date`.
    public static func nextChangeOfUpdatedAgo(_ date: Date, now: Date) -> Date {
        let seconds = max(0, Int(now.timeIntervalSince(date)))
        let unit = seconds < 3600 ? 60 : seconds < 86_400 ? 3600 : 86_400
        return date.addingTimeInterval(TimeInterval((seconds / unit + 1) * unit))
    }

    /// One Gregorian calendar per time zone, made once (for the dates `CivilTime` does not cover).
    private static let calendars = Mutex<[TimeZone: Calendar]>([:])

    private static func calendar(_ timeZone: TimeZone) -> Calendar {
        calendars.withLock { calendars in
            if let calendar = calendars[timeZone] { return calendar }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            calendars[timeZone] = calendar
            return calendar
        }
    }

    private static func zeroPadded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
