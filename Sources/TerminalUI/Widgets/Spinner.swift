/// Braille spinner frames, advanced by a tick count or by elapsed time (10 frames a second, the
/// runtime's ceiling while something loads).
public struct Spinner: Sendable, Hashable {
    public static let brailleFrames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
    /// For terminals or fonts without braille.
    public static let asciiFrames = ["|", "/", "-", "\\"]
    /// Time per frame.
    public static let frameInterval: Duration = .milliseconds(100)

    public var frames: [String]
    public var style: Style

    public init(frames: [String] = Spinner.brailleFrames, style: Style = Style(.accent)) {
        self.frames = frames.isEmpty ? [" "] : frames
        self.style = style
    }

    /// The frame for tick `tick` (any integer).
    public func frame(at tick: Int) -> String {
        let count = frames.count
        return frames[((tick % count) + count) % count]
    }

    /// The frame after `elapsed` time.
    public func frame(elapsed: Duration) -> String {
        frame(at: Int(elapsed / Spinner.frameInterval))
    }

    public func render(into buffer: inout Buffer, at position: Position, tick: Int) {
        buffer.set(x: position.x, y: position.y, string: frame(at: tick), style: style, maxWidth: 1)
    }
}
