/// A horizontal bar filled to a ratio in eighths of a cell (`█████▍░░░ 68%`), with an optional
/// label after it: progress, or a briefing's confidence.
public struct ProgressBar: Sendable, Hashable {
    static let partials: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// 0...1 (clamped).
    public var ratio: Double
    /// Shown after the bar, e.g. "68%"; nil for the percentage, "" for none.
    public var label: String?
    public var filledStyle: Style = Style(.accent)
    public var emptyStyle: Style = Style(.muted)
    public var labelStyle: Style = .plain

    public init(ratio: Double, label: String? = nil) {
        self.ratio = ratio.isFinite ? min(1, max(0, ratio)) : 0
        self.label = label
    }

    /// A confidence bar: coloured by level (danger below 0.4, warning below 0.7, success above).
    public static func confidence(_ value: Double) -> ProgressBar {
        var bar = ProgressBar(ratio: value)
        bar.filledStyle = Style(bar.ratio < 0.4 ? .danger : bar.ratio < 0.7 ? .warning : .success)
        return bar
    }

    /// The filled part and the empty part of a bar `width` cells wide.
    public static func bar(ratio: Double, width: Int) -> (filled: String, empty: String) {
        let width = max(0, width)
        let clamped = ratio.isFinite ? min(1, max(0, ratio)) : 0
        let eighths = Int((clamped * Double(width * 8)).rounded())
        var filled = String(repeating: "█", count: eighths / 8)
        if eighths % 8 > 0 { filled.append(partials[eighths % 8 - 1]) }
        let empty = String(repeating: "░", count: width - filled.count)
        return (filled, empty)
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let text = label ?? "\(Int((ratio * 100).rounded()))%"
        let labelWidth = text.isEmpty ? 0 : DisplayWidth.of(text) + 1
        let barWidth = area.width - labelWidth >= 3 ? area.width - labelWidth : area.width
        let (filled, empty) = ProgressBar.bar(ratio: ratio, width: barWidth)
        var x = buffer.set(x: area.x, y: area.y, string: filled, style: filledStyle, maxWidth: barWidth)
        x = buffer.set(x: x, y: area.y, string: empty, style: emptyStyle, maxWidth: area.x + barWidth - x)
        if barWidth < area.width, !text.isEmpty {
            buffer.set(x: x + 1, y: area.y, string: text, style: labelStyle, maxWidth: area.right - x - 1)
        }
    }
}
