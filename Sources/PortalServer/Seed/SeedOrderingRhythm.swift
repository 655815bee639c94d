/// How often a demo customer orders over the seeded period.
///
/// Days are counted backwards from the anchor's day: day 0 is the anchor's own day, day 1
/// the day before, and so on.
enum SeedOrderingRhythm: Sendable {
    /// Every `everyDays` days, give or take 20 %, for the whole period.
    case steady(everyDays: Double)
    /// Every `everyDays` days until `stoppedDaysAgo`; nothing since (a lapsing account).
    case lapsing(everyDays: Double, stoppedDaysAgo: Int)
    /// The interval shrinks linearly from `fromDays` at the start of the period to `toDays` now.
    case accelerating(fromDays: Double, toDays: Double)
    /// Every `everyDays` days, but only since the account opened `sinceDaysAgo` days ago.
    case newAccount(everyDays: Double, sinceDaysAgo: Int)

    /// The mean interval over the period, used to weight customers when orders are spread
    /// without a calendar (the bench dataset).
    var meanIntervalDays: Double {
        switch self {
        case .steady(let every), .lapsing(let every, _), .newAccount(let every, _): every
        case .accelerating(let from, let to): (from + to) / 2
        }
    }

    /// The days (oldest first, each at most once) on which the customer orders within the
    /// last `periodDays` days.
    func orderDays(periodDays: Int, using rng: inout SeededGenerator) -> [Int] {
        let lastDay = Double(periodDays - 1)
        let firstDay: Double
        let stopDay: Double
        switch self {
        case .steady, .accelerating:
            firstDay = lastDay
            stopDay = 0
        case .lapsing(_, let stopped):
            firstDay = lastDay
            stopDay = Double(stopped)
        case .newAccount(_, let since):
            firstDay = min(lastDay, Double(since))
            stopDay = 0
        }
        var days: [Int] = []
        var cursor = firstDay - rng.double(in: 0 ..< interval(atDay: firstDay, periodDays: periodDays))
        while cursor >= stopDay {
            let day = Int(cursor.rounded(.down))
            if days.last != day { days.append(day) }
            cursor -= interval(atDay: cursor, periodDays: periodDays) * rng.double(in: 0.8 ..< 1.2)
        }
        return days
    }

    /// The interval in days expected around `day`.
    private func interval(atDay day: Double, periodDays: Int) -> Double {
        switch self {
        case .steady(let every), .lapsing(let every, _), .newAccount(let every, _):
            return every
        case .accelerating(let from, let to):
            let progress = max(0, min(1, day / Double(max(1, periodDays - 1))))
            return to + (from - to) * progress
        }
    }
}
