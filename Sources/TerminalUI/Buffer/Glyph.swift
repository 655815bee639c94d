import Synchronization

/// One grapheme as a ``Cell`` holds it, without a heap `String`: up to 7 UTF-8 bytes inline (any one
/// character, and a letter with a mark), a longer cluster (a flag, an emoji sequence) as an index into
/// a process-wide table. Two glyphs compare as one integer.
public struct Glyph: Sendable, Hashable {
    /// UTF-8 bytes 0–6, low byte first, and their count (0–7) in the top byte; for a table entry,
    /// ``tableMark`` in the top byte and the index below. One word, so that a cell is 16 bytes: a key's
    /// frame reads and writes whole rows of them, and after a pause every 64 bytes of them is a fetch.
    private var bits: UInt64

    private static let tableMark: UInt64 = 0xFF
    private static let countShift: UInt64 = 56
    private static let maximumInline = 7

    /// The grapheme `text` (should be one drawable cluster; see ``DisplayWidth/drawable(_:)``).
    public init(_ text: some StringProtocol) {
        if let bits = Self.packed(text.utf8) {
            self.init(bits: bits)
        } else {
            self.init(bits: UInt64(GlyphTable.shared.index(of: String(text))) | Self.tableMark << Self.countShift)
        }
    }

    /// A printable ASCII character (0x20–0x7E): the fast path of most of a frame's text.
    @inline(__always)
    public init(ascii byte: UInt8) {
        self.init(bits: UInt64(byte) | 1 << Self.countShift)
    }

    @inline(__always)
    private init(bits: UInt64) {
        self.bits = bits
    }

    /// Up to 7 bytes, the count in the top byte; nil when longer.
    private static func packed(_ bytes: some Sequence<UInt8>) -> UInt64? {
        var bits: UInt64 = 0
        var count: UInt64 = 0
        for byte in bytes {
            guard count < maximumInline else { return nil }
            bits |= UInt64(byte) << (count * 8)
            count += 1
        }
        return bits | count << countShift
    }

    public static let space = Glyph(ascii: 0x20)
    /// Nothing: the right half of a wide character.
    public static let empty = Glyph("")

    private var isTableEntry: Bool { bits >> Self.countShift == Self.tableMark }

    /// Whether the glyph holds no text (a continuation cell).
    public var isEmpty: Bool { bits >> Self.countShift == 0 }

    /// The byte of a glyph that is one printable ASCII character (0x20–0x7E), else nil: what a backend
    /// can draw without decoding UTF-8.
    @inline(__always)
    public var printableASCII: UInt8? {
        guard bits >> Self.countShift == 1 else { return nil }
        let byte = UInt8(truncatingIfNeeded: bits)
        return byte >= 0x20 && byte < 0x7F ? byte : nil
    }

    /// The grapheme as a `String`.
    public var string: String {
        if isTableEntry { return GlyphTable.shared.string(at: Int(bits & ~(Self.tableMark << Self.countShift))) }
        return withUTF8 { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the glyph's UTF-8 bytes.
    public func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if isTableEntry {
            var text = string
            return try text.withUTF8(body)
        }
        let count = Int(bits >> Self.countShift)
        var word = (bits & ~(0xFF << Self.countShift)).littleEndian
        return try withUnsafeBytes(of: &word) { bytes in
            try body(UnsafeBufferPointer(start: bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), count: count))
        }
    }

    /// Calls `body` with the glyph as a NUL-terminated C string (what ncurses draws), without a `String`.
    public func withCString<Result>(_ body: (UnsafePointer<CChar>) throws -> Result) rethrows -> Result {
        if isTableEntry { return try string.withCString(body) }
        // The byte after the last one is zero: the count's byte is cleared.
        var word = (bits & ~(0xFF << Self.countShift)).littleEndian
        return try withUnsafeBytes(of: &word) { bytes in
            try body(bytes.baseAddress!.assumingMemoryBound(to: CChar.self))
        }
    }
}

/// The graphemes longer than 7 bytes drawn so far, each stored once, so a ``Glyph`` can name one
/// by index. Such clusters are rare (flags, emoji sequences, a letter with several marks); the table
/// holds at most ``capacity``.
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
