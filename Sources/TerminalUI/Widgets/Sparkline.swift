/// A one-row chart of values as block heights ▁▂▃▄▅▆▇█, newest on the right. Heights are scaled
/// between the smaller of 0 and the minimum, and the maximum; when there are more values than
/// columns the most recent ones are shown.
public struct Sparkline: Sendable, Hashable {
    public static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    public var values: [Double]
    public var style: Style

    public init(_ values: [Double], style: Style = Style(.accent)) {
        self.values = values
        self.style = style
    }

    /// The bars for the last `width` values (all of them when nil).
    public static func bars(_ values: [Double], width: Int? = nil) -> String {
        let shown = width.map { Array(values.suffix(max(0, $0))) } ?? values
        let finite = shown.filter(\.isFinite)
        guard let maximum = finite.max(), let minimum = finite.min() else { return String(repeating: " ", count: shown.count) }
        let low = Swift.min(0, minimum)
        let span = maximum - low
        return String(shown.map { value -> Character in
            guard value.isFinite else { return " " }
            guard span > 0 else { return levels[0] }
            let level = Int(((value - low) / span * Double(levels.count - 1)).rounded())
            return levels[Swift.min(Swift.max(0, level), levels.count - 1)]
        })
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        buffer.set(x: area.x, y: area.y, string: Sparkline.bars(values, width: area.width), style: style)
    }
}
