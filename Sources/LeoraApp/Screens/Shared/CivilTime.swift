import Foundation

/// A moment's Gregorian date and time of day in a time zone, by arithmetic on the days since 1970
/// (Howard Hinnant's `civil_from_days`) and the zone's offset at that moment: what a table row's
/// date costs without a `Calendar`. Only for 1900–9999; nil outside, where the calendar decides.
struct CivilTime: Equatable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int

    /// 1900-01-01 and 9999-12-31 23:59:59 UTC, with a day's margin for the zone's offset.
    static let supported: ClosedRange<TimeInterval> = -2_208_988_800 + 86_400...253_402_300_799 - 86_400

    init?(_ date: Date, in timeZone: TimeZone) {
        let since1970 = date.timeIntervalSince1970
        guard Self.supported.contains(since1970) else { return nil }
        let seconds = Int(since1970.rounded(.down)) + timeZone.secondsFromGMT(for: date)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        hour = secondOfDay / 3600
        minute = secondOfDay % 3600 / 60
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    init(year: Int, month: Int, day: Int, hour: Int, minute: Int) {
        (self.year, self.month, self.day, self.hour, self.minute) = (year, month, day, hour, minute)
    }
}
