import Foundation
import Synchronization

/// Times as the screens write them.
public enum TimeText {
    /// "2026-11-29 08:00" in `timeZone`.
    public static func dateTime(_ date: Date, in timeZone: TimeZone) -> String {
        let parts = calendar(timeZone).dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return "\(zeroPadded(parts.year, 4))-\(zeroPadded(parts.month, 2))-\(zeroPadded(parts.day, 2)) "
            + "\(zeroPadded(parts.hour, 2)):\(zeroPadded(parts.minute, 2))"
    }

    /// "2026-11-29" in `timeZone`.
    public static func date(_ date: Date, in timeZone: TimeZone) -> String {
        String(dateTime(date, in: timeZone).prefix(10))
    }

    /// "updated just now", "updated 3 min ago", "updated 2 h ago".
    public static func updatedAgo(_ date: Date, now: Date) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(date)))
        if seconds < 60 { return "updated just now" }
        if seconds < 3600 { return "updated \(seconds / 60) min ago" }
        if seconds < 86_400 { return "updated \(seconds / 3600) h ago" }
        return "updated \(seconds / 86_400) d ago"
    }

    /// When ``updatedAgo(_:now:)`` next says something else: the next minute (hour, day) since `date`.
    public static func nextChangeOfUpdatedAgo(_ date: Date, now: Date) -> Date {
        let seconds = max(0, Int(now.timeIntervalSince(date)))
        let unit = seconds < 3600 ? 60 : seconds < 86_400 ? 3600 : 86_400
        return date.addingTimeInterval(TimeInterval((seconds / unit + 1) * unit))
    }

    /// One Gregorian calendar per time zone, made once: making one costs more than drawing the row
    /// whose date it formats (the orders table draws a date on every row of every frame).
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

    private static func zeroPadded(_ value: Int?, _ width: Int) -> String {
        let digits = String(value ?? 0)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
