import TerminalUI
import Testing

@testable import LeoraApp

/// The status bar's right part is written byte by byte (`AppView.statusRight`): it must read as the parts
/// joined the plain way, for any position, age and spinner frame.
@Suite struct StatusRightTests {
    static func joined(spinner: String?, position: ListPosition?, age: (prefix: String, ago: String)?) -> String {
        var parts: [String] = []
        if let position { parts.append("\(position.index + 1) of \(position.count)") }
        if let age { parts.append(age.prefix + age.ago) }
        let text = parts.joined(separator: " · ")
        return spinner.map { $0 + " " + text } ?? text
    }

    @Test func itReadsAsThePartsJoined() {
        var generator = SystemRandomNumberGenerator()
        let counts = [1, 9, 10, 11, 99, 100, 999, 1_000, 1_001, 100_000, Int.max]
        let ages = [nil, ("updated ", "just now"), ("cached ", "3 min ago"), ("updated ", "12 h ago"), ("cached ", "400 d ago")]
        for _ in 0..<2_000 {
            let count = Bool.random(using: &generator) ? counts.randomElement(using: &generator)! : Int.random(in: 1...2_000_000, using: &generator)
            let position = Int.random(in: 0..<5, using: &generator) == 0 ? nil : ListPosition(selected: Int.random(in: 0..<count, using: &generator), count: count)
            let spinner = Bool.random(using: &generator) ? Spinner().frame(at: Int.random(in: 0..<100, using: &generator)) : nil
            let age = ages.randomElement(using: &generator)!
            #expect(AppView.statusRight(spinner: spinner, position: position, age: age) == Self.joined(spinner: spinner, position: position, age: age))
        }
        #expect(AppView.statusRight(spinner: nil, position: ListPosition(selected: 11, count: 640), age: ("updated ", "just now")) == "12 of 640 · updated just now")
        #expect(AppView.statusRight(spinner: nil, position: nil, age: nil) == "")
        #expect(AppView.statusRight(spinner: nil, position: ListPosition(selected: Int.max - 1, count: Int.max), age: nil) == "\(Int.max) of \(Int.max)")
    }
}
