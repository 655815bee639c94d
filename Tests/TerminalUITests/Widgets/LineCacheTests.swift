import Testing

@testable import TerminalUI

/// A line drawn before with the same key and place is copied, cell for cell as drawing it again; a new
/// key or another column or width draws it anew.
@Suite struct LineCacheTests {
    /// Counts the drawings (one per test: tests run in parallel).
    final class Drawings: @unchecked Sendable {
        private(set) var count = 0
        func add() { count += 1 }
    }

    static func draw(_ text: String, into buffer: inout Buffer, area: Rect) {
        buffer.fill(area, style: Style(.muted))
        buffer.set(x: area.x + 1, y: area.y, string: text, style: Style(.accent).bold, maxWidth: area.width - 1)
    }

    /// The line drawn through `cache` on row `y` of a fresh buffer, and the same drawn directly.
    static func frame(_ cache: LineCache<String>, _ text: String, area: Rect, drawings: Drawings) -> (cached: Buffer, direct: Buffer) {
        var cached = Buffer(width: 30, height: 4)
        cached.set(x: 0, y: area.y, string: "background that the line covers")
        var direct = cached
        cache.render(
            text, area: area, into: &cached,
            draw: { buffer, area in
                drawings.add()
                Self.draw(text, into: &buffer, area: area)
            })
        Self.draw(text, into: &direct, area: area)
        return (cached, direct)
    }

    @Test func anUnchangedLineIsCopiedAndAChangedOneDrawn() {
        let cache = LineCache<String>()
        let drawings = Drawings()
        let area = Rect(x: 2, y: 3, width: 20, height: 1)
        var (cached, direct) = Self.frame(cache, "東京 tab", area: area, drawings: drawings)
        #expect(cached == direct)
        #expect(drawings.count == 1)

        (cached, direct) = Self.frame(cache, "東京 tab", area: area, drawings: drawings)
        #expect(cached == direct, "\(cached.screenshot)\n\(direct.screenshot)")
        #expect(drawings.count == 1, "copied, not drawn")

        // Another row: still a copy, put on that row.
        (cached, direct) = Self.frame(cache, "東京 tab", area: Rect(x: 2, y: 1, width: 20, height: 1), drawings: drawings)
        #expect(cached == direct)
        #expect(drawings.count == 1)

        (cached, direct) = Self.frame(cache, "other", area: area, drawings: drawings)
        #expect(cached == direct)
        #expect(drawings.count == 2, "a new key draws")

        (cached, direct) = Self.frame(cache, "other", area: Rect(x: 0, y: 3, width: 20, height: 1), drawings: drawings)
        #expect(cached == direct)
        #expect(drawings.count == 3, "another column draws")

        (cached, direct) = Self.frame(cache, "other", area: Rect(x: 0, y: 3, width: 9, height: 1), drawings: drawings)
        #expect(cached == direct, "\(cached.screenshot)\n\(direct.screenshot)")
        #expect(drawings.count == 4, "another width draws")
    }

    /// The column a drawing ended at is remembered with its cells: a copy returns it too.
    @Test func theEndOfALineIsKeptWithIt() {
        let cache = LineCache<String>()
        let drawings = Drawings()
        let area = Rect(x: 1, y: 0, width: 20, height: 1)
        for _ in 0..<2 {
            var buffer = Buffer(width: 30, height: 1)
            let end = cache.render("left", area: area, into: &buffer, drawEnding: { buffer, area in
                drawings.add()
                return buffer.set(x: area.x + 1, y: area.y, string: "left")
            })
            #expect(end == 6)
            #expect(buffer.lines(trimmingTrailingSpaces: true) == ["  left"])
        }
        #expect(drawings.count == 1)
    }
}
