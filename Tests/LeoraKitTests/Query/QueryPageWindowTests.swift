import Testing
@testable import LeoraKit

@Suite("Query PageWindow")
struct QueryPageWindowTests {
    @Test("keeps at most capacity pages, evicting the farthest from the current page")
    func eviction() {
        var window = PageWindow<String>(capacity: 3)
        #expect(window.insert("p1", at: 1).isEmpty)
        #expect(window.insert("p2", at: 2).isEmpty)
        #expect(window.insert("p3", at: 3).isEmpty)
        window.move(to: 4)
        #expect(window.insert("p4", at: 4) == [1])
        #expect(window.loadedPages == [2, 3, 4])
        #expect(window[4] == "p4")
        #expect(window[1] == nil)
        #expect(window.move(to: 10).isEmpty, "moving alone evicts only when over capacity")
        #expect(window.insert("p10", at: 10) == [2])
    }

    @Test("memory stays flat scrolling through many pages, forward and back")
    func flatMemory() {
        var window = PageWindow<[Int]>(capacity: 5)
        for page in 1...20_000 {
            window.move(to: page)
            window.insert(Array(repeating: page, count: 3), at: page)
            #expect(window.pages.count <= 5)
        }
        #expect(window.loadedPages == Array(19_996...20_000))
        for page in stride(from: 20_000, through: 1, by: -1) {
            window.move(to: page)
            window.insert([page], at: page)
        }
        #expect(window.loadedPages == Array(1...5))
    }

    @Test("desired pages centre on the current one and respect the ends")
    func desiredPages() {
        var window = PageWindow<Int>(capacity: 5, currentPage: 10)
        #expect(window.desiredPages() == 8...12)
        window.move(to: 1)
        #expect(window.desiredPages() == 1...5)
        window.move(to: 20)
        #expect(window.desiredPages(last: 21) == 17...21)
        #expect(window.desiredPages(last: 3) == 1...3)
        window.removeAll()
        #expect(window.pages.isEmpty)
    }

    @Test("every page held has a serial no other page had; a change or a new copy gets a new one")
    func serials() throws {
        var window = PageWindow<String>(capacity: 2)
        var other = PageWindow<String>(capacity: 2)
        window.insert("p1", at: 1)
        other.insert("p1", at: 1)
        let first = try #require(window.serial(of: 1))
        #expect(other.serial(of: 1) != first, "two windows never share a serial")
        #expect(window == other, "equal pages, equal windows, whatever the serials")
        window.update(1) { $0 += "!" }
        let changed = try #require(window.serial(of: 1))
        #expect(changed != first)
        window.insert("p1!", at: 1)
        #expect(window.serial(of: 1) != changed, "the same page stored again is a new copy")
        window.update(7) { $0 += "?" }
        #expect(window.serial(of: 7) == nil, "update never adds")
        window.insert("p2", at: 2)
        window.move(to: 3)
        window.insert("p3", at: 3)
        #expect(window.serial(of: 1) == nil, "an evicted page has none")
        window.removeAll()
        #expect(window.serial(of: 2) == nil && window.serial(of: 3) == nil)
    }
}
