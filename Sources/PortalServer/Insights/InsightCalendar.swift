#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// UTC day and week arithmetic for insights (weeks start Monday 00:00 UTC); no time zones involved.
enum InsightCalendar {
    static let secondsPerDay: Double = 86_400
    static let secondsPerWeek: Double = 7 * 86_400

    /// Monday 00:00 UTC of the week containing `date`.
    static func weekStart(containing date: Date) -> Date {
        let seconds = date.timeIntervalSince1970
        let day = (seconds / secondsPerDay).rounded(.down)
        // 1970-01-01 was a Thursday: day 0 is weekday index 3 when Monday is 0.
        let weekday = (Int(day) % 7 + 7 + 3) % 7
        return Date(timeIntervalSince1970: (day - Double(weekday)) * secondsPerDay)
    }

    /// Days (fractional) from `earlier` to `later`.
    static func days(from earlier: Date, to later: Date) -> Double {
        later.timeIntervalSince(earlier) / secondsPerDay
    }

    /// The median of `values` (mean of the two middle values for an even count); nil when empty.
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        if sorted.count % 2 == 1 { return sorted[middle] }
        return (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// `value` rounded to `places` decimal places.
    static func rounded(_ value: Double, places: Int) -> Double {
        var factor = 1.0
        for _ in 0..<places { factor *= 10 }
        return (value * factor).rounded() / factor
    }
}
