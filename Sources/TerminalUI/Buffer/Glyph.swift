import Synchronization

/// One grapheme as a ``Cell`` holds it, without a heap `String`: up to 15 UTF-8 bytes inline (every
/// character a screen draws in practice), a longer cluster (a long emoji sequence) as an index into
/// a process-wide table. Two glyphs compare as two integers.
public struct Glyph: Sendable, Hashable {
    /// UTF-8 bytes 0–7, little end first; for a table entry, its index.
    private var low: UInt64
    /// UTF-8 bytes 8–14, then the count (0–15) in the top byte, or ``tableMark`` for a table entry.
    private var high: UInt64

    private static let tableMark: UInt64 = 0xFF
    private static let countShift: UInt64 = 56

    /// The grapheme `text` (should be one drawable cluster; see ``DisplayWidth/drawable(_:)``).
    public init(_ text: some StringProtocol) {
        if let (low, high) = Self.packed(text.utf8) {
            self.init(low: low, high: high)
        } else {
            self.init(low: UInt64(GlyphTable.shared.index(of: String(text))), high: Self.tableMark << Self.countShift)
        }
    }

    /// A printable ASCII character (0x20–0x7E): the fast path of most of a frame's text.
    @inline(__always)
    public init(ascii byte: UInt8) {
        self.init(low: UInt64(byte), high: 1 << Self.countShift)
    }

    @inline(__always)
    private init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    /// Up to 15 bytes in the two words, the count in the top byte; nil when longer.
    private static func packed(_ bytes: some Sequence<UInt8>) -> (UInt64, UInt64)? {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var count: UInt64 = 0
        for byte in bytes {
            guard count < 15 else { return nil }
            if count < 8 { low |= UInt64(byte) << (count * 8) } else { high |= UInt64(byte) << ((count - 8) * 8) }
            count += 1
        }
        return (low, high | count << countShift)
    }

    public static let space = Glyph(ascii: 0x20)
    /// Nothing: the right half of a wide character.
    public static let empty = Glyph("")

    private var isTableEntry: Bool { high >> Self.countShift == Self.tableMark }

    /// Whether the glyph holds no text (a continuation cell).
    public var isEmpty: Bool { high >> Self.countShift == 0 }

    /// The byte of a glyph that is one printable ASCII character (0x20–0x7E), else nil: what a backend
    /// can draw without decoding UTF-8.
    @inline(__always)
    public var printableASCII: UInt8? {
        guard high == 1 << Self.countShift, low >= 0x20, low < 0x7F else { return nil }
        return UInt8(truncatingIfNeeded: low)
    }

    /// The grapheme as a `String`.
    public var string: String {
        if isTableEntry { return GlyphTable.shared.string(at: Int(low)) }
        return withUTF8 { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the glyph's UTF-8 bytes.
    public func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if isTableEntry {
            var text = string
            return try text.withUTF8(body)
        }
        let count = Int(high >> Self.countShift)
        var words = (low.littleEndian, (high & ~(0xFF << Self.countShift)).littleEndian)
        return try withUnsafeBytes(of: &words) { bytes in
            try body(UnsafeBufferPointer(start: bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), count: count))
        }
    }

    /// Calls `body` with the glyph as a NUL-terminated C string (what ncurses draws), without a `String`.
    public func withCString<Result>(_ body: (UnsafePointer<CChar>) throws -> Result) rethrows -> Result {
        if isTableEntry { return try string.withCString(body) }
        // The byte after the last one is zero: the count's byte is cleared, and a third word follows.
        var words = (low.littleEndian, (high & ~(0xFF << Self.countShift)).littleEndian, UInt64(0))
        return try withUnsafeBytes(of: &words) { bytes in
            try body(bytes.baseAddress!.assumingMemoryBound(to: CChar.self))
        }
    }
}

/// The graphemes longer than 15 bytes drawn so far, each stored once, so a ``Glyph`` can name one
/// by index. Such clusters are rare (emoji sequences); the table holds at most ``capacity``.
final class GlyphTable: Sendable {
    static let shared = GlyphTable()
    static let capacity = 4096

    private struct Entries {
        var strings: [String] = []
        var indices: [String: Int] = [:]
    }

    private let entries = Mutex(Entries())

    /// The index of `text`, adding it when new; past the capacity, the replacement character's.
    func index(of text: String) -> Int {
        entries.withLock { entries in
            if let index = entries.indices[text] { return index }
            let stored = entries.strings.count < Self.capacity ? text : "\u{FFFD}"
            if let index = entries.indices[stored] { return index }
            entries.strings.append(stored)
            entries.indices[stored] = entries.strings.count - 1
            return entries.strings.count - 1
        }
    }

    func string(at index: Int) -> String {
        entries.withLock { $0.strings.indices.contains(index) ? $0.strings[index] : "\u{FFFD}" }
    }
}
