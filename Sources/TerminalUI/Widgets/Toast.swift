/// A short notice in the bottom-right corner of an area ("✓ Added to cart", "✗ Stock changed:
/// rolled back"): one line on the surface colour, its symbol coloured by kind.
public struct Toast: Sendable, Hashable {
    /// What the notice is about; decides its symbol and colour.
    public enum Kind: Sendable, Hashable {
        case info
        case success
        case warning
        case danger

        public var symbol: String {
            switch self {
            case .info: return "ℹ"
            case .success: return "✓"
            case .warning: return "!"
            case .danger: return "✗"
            }
        }

        public var role: ColorRole {
            switch self {
            case .info: return .info
            case .success: return .success
            case .warning: return .warning
            case .danger: return .danger
            }
        }
    }

    public var message: String
    public var kind: Kind
    public var style: Style = Style(background: .role(.surface))

    public init(_ message: String, kind: Kind = .info) {
        self.message = message
        self.kind = kind
    }

    /// The line the toast takes in `area`: its last row, right-aligned, at most the area's width.
    public func rect(in area: Rect) -> Rect {
        let width = min(area.width, DisplayWidth.of(message) + DisplayWidth.of(kind.symbol) + 3)
        return Rect(x: area.right - width, y: area.bottom - 1, width: width, height: min(1, area.height))
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let line = rect(in: area)
        guard !line.isEmpty else { return }
        buffer.fill(line, style: style)
        var x = buffer.set(x: line.x + 1, y: line.y, string: kind.symbol, style: style.patched(with: Style(kind.role, attributes: .bold)), maxWidth: line.width - 1)
        x += 1
        buffer.set(x: x, y: line.y, string: DisplayWidth.truncate(message, to: line.right - 1 - x), style: style)
    }
}
