/// A small, fast, seeded pseudo-random generator (SplitMix64).
///
/// The seed data must be identical on every run and every platform, so the seed code never
/// uses the system generator, and it never relies on the standard library's
/// `random(in:using:)` algorithms (which are free to change between Swift releases):
/// every helper below maps the raw 64-bit stream to values itself.
struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose whole stream is fixed by `seed`.
    init(seed: UInt64) {
        state = seed
    }

    /// The next 64 raw bits of the stream.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0 ..< bound` (`bound > 0`), by the multiply-shift method (a negligible bias
    /// for the small bounds the seed uses).
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A value in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A value in `0 ..< 1`, with 53 bits of precision.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A value in `range` (the upper bound excluded).
    mutating func double(in range: Range<Double>) -> Double {
        range.lowerBound + unit() * (range.upperBound - range.lowerBound)
    }

    /// `true` with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// One element of a non-empty array.
    mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[below(elements.count)]
    }

    /// Up to `count` distinct elements of `elements`, in the order drawn (a partial Fisher–Yates).
    mutating func sample<Element>(_ elements: [Element], count: Int) -> [Element] {
        var pool = elements
        let wanted = min(count, pool.count)
        for index in 0 ..< wanted {
            pool.swapAt(index, index + below(pool.count - index))
        }
        return Array(pool.prefix(wanted))
    }
}
