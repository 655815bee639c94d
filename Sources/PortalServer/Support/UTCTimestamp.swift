import Foundation
import NIOCore

/// `Timestamp.string(from:)`'s text (`2026-11-28T09:30:00Z`) worked out with integer arithmetic, for the
/// dates it is sure of: 1970 to 9999 (proleptic Gregorian, as Foundation's calendar is after 1582), and a
/// fraction of a second below 0.9995 (Foundation drops the fraction, but rounds one within a hair of the next
/// second up). Any other date is left to Foundation.
enum UTCTimestamp {
    /// 10000-01-01T00:00:00Z.
    private static let end: TimeInterval = 253_402_300_800

    /// Writes the 20 bytes of `date`'s timestamp and returns true, or writes nothing and returns false when
    /// `date` is outside what this formats.
    static func write(_ date: Date, into buffer: inout ByteBuffer) -> Bool {
        let interval = date.timeIntervalSince1970
        guard interval >= 0, interval < end else { return false }
        let whole = interval.rounded(.down)
        guard interval - whole < 0.9995 else { return false }
        let seconds = Int(whole)
        let (year, month, day) = civil(daysSinceEpoch: seconds / 86_400)
        let time = seconds % 86_400
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 20) { target in
            func digits(_ value: Int, _ count: Int, at offset: Int) {
                var value = value
                for position in stride(from: offset + count - 1, through: offset, by: -1) {
                    target[position] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            digits(year, 4, at: 0)
            target[4] = UInt8(ascii: "-")
            digits(month, 2, at: 5)
            target[7] = UInt8(ascii: "-")
            digits(day, 2, at: 8)
            target[10] = UInt8(ascii: "T")
            digits(time / 3_600, 2, at: 11)
            target[13] = UInt8(ascii: ":")
            digits(time / 60 % 60, 2, at: 14)
            target[16] = UInt8(ascii: ":")
            digits(time % 60, 2, at: 17)
            target[19] = UInt8(ascii: "Z")
            return 20
        }
        return true
    }

    /// Year, month and day of a day counted from 1970-01-01 (not before it), in the proleptic Gregorian
    /// calendar (H. Hinnant's `civil_from_days`).
    static func civil(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = shifted / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
