import Foundation
import NIOCore
import PortalAPI

/// JSON written straight into a `ByteBuffer`, piece by piece, as `JSONBody`'s encoder writes it: strings
/// escaped the way it escapes them (`\"`, `\\`, `\b \t \n \f \r`, other control characters as `\u00xx` in
/// lower case; `/` and everything from U+007F up as they are, in UTF-8), integers in decimal and timestamps
/// as `Timestamp.string(from:)`. For answers on a hot path whose shape is fixed (`OrdersPageJSON`); the caller
/// writes the keys, in sorted order.
struct JSONBytes {
    private(set) var buffer: ByteBuffer

    init(capacity: Int) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    /// Text that is JSON already (punctuation and keys).
    mutating func raw(_ text: StaticString) {
        buffer.writeStaticString(text)
    }

    mutating func int(_ value: Int) {
        buffer.writeString(String(value))
    }

    mutating func string(_ value: String?) {
        guard var text = value else { return raw("null") }
        text.withUTF8 { bytes in
            buffer.writeInteger(UInt8(ascii: "\""))
            var start = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                buffer.writeBytes(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                escape(byte)
                start = index + 1
            }
            buffer.writeBytes(UnsafeBufferPointer(rebasing: bytes[start...]))
            buffer.writeInteger(UInt8(ascii: "\""))
        }
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): raw(#"\""#)
        case UInt8(ascii: "\\"): raw(#"\\"#)
        case 0x08: raw(#"\b"#)
        case 0x09: raw(#"\t"#)
        case 0x0A: raw(#"\n"#)
        case 0x0C: raw(#"\f"#)
        case 0x0D: raw(#"\r"#)
        default:
            raw(#"\u00"#)
            buffer.writeInteger(Self.hexDigits[Int(byte >> 4)])
            buffer.writeInteger(Self.hexDigits[Int(byte & 0x0F)])
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `Timestamp.string(from:)` in quotes.
    mutating func timestamp(_ date: Date) {
        buffer.writeInteger(UInt8(ascii: "\""))
        if !UTCTimestamp.write(date, into: &buffer) {
            buffer.writeString(Timestamp.string(from: date))
        }
        buffer.writeInteger(UInt8(ascii: "\""))
    }
}
