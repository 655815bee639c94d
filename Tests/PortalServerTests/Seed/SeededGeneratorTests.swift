import Testing

@testable import PortalServer

@Suite("Seeded generator")
struct SeededGeneratorTests {
    @Test("The stream is fixed by the seed (SplitMix64 reference values)")
    func referenceValues() {
        var rng = SeededGenerator(seed: 1_234_567)
        // Reference output of SplitMix64 seeded with 1234567.
        #expect(rng.next() == 6_457_827_717_110_365_317)
        #expect(rng.next() == 3_203_168_211_198_807_973)
        var again = SeededGenerator(seed: 1_234_567)
        var other = SeededGenerator(seed: 7_654_321)
        #expect(again.next() != other.next())
    }

    @Test("Helpers stay within their bounds")
    func bounds() {
        var rng = SeededGenerator(seed: 42)
        for _ in 0 ..< 10_000 {
            #expect((0 ..< 7).contains(rng.below(7)))
            #expect((3 ... 9).contains(rng.int(in: 3 ... 9)))
            let unit = rng.unit()
            #expect(unit >= 0 && unit < 1)
        }
        let sample = rng.sample(Array(0 ..< 20), count: 8)
        #expect(sample.count == 8 && Set(sample).count == 8)
        #expect(rng.sample([1, 2], count: 5).sorted() == [1, 2])
    }
}
