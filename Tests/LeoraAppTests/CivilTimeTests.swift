import Foundation
import Testing

@testable import LeoraApp

/// The rows' dates without a `Calendar`: the same answer as the calendar, in every kind of zone.
@Suite struct CivilTimeTests {
    static let zones = ["UTC", "America/Chicago", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham", "America/St_Johns", "Pacific/Kiritimati"]
        .compactMap(TimeZone.init(identifier:))

    @Test func agreesWithTheCalendar() {
        var generator = SystemRandomNumberGenerator()
        var moments: [TimeInterval] = [0, -1, 59.999, 951_782_400, 1_795_000_000, 4_102_444_799.5, CivilTime.supported.lowerBound, CivilTime.supported.upperBound]
        moments += (0..<400).map { _ in TimeInterval.random(in: CivilTime.supported, using: &generator) }
        // Every hour around the 2026 spring and autumn changes in the US and Australia.
        for start in [1_772_928_000.0, 1_793_491_200, 1_775_318_400, 1_791_043_200] {
            moments += stride(from: start - 86_400, to: start + 86_400, by: 1_799.5).map { $0 }
        }
        for zone in Self.zones {
            for moment in moments {
                let date = Date(timeIntervalSince1970: moment)
                #expect(CivilTime(date, in: zone) == TimeText.calendarTime(date, in: zone), "\(zone.identifier) \(moment)")
            }
        }
    }

    @Test func outsideItsRangeTheCalendarAnswers() {
        #expect(CivilTime(Date(timeIntervalSince1970: -9_000_000_000), in: TimeZone(identifier: "UTC")!) == nil)
        #expect(CivilTime(Date(timeIntervalSince1970: 1e15), in: TimeZone(identifier: "UTC")!) == nil)
        #expect(TimeText.dateTime(Date(timeIntervalSince1970: 0), in: TimeZone(identifier: "UTC")!) == "1970-01-01 00:00")
    }
}
