/// RFC 3986 percent-encoding for drill-down links: only unreserved characters
/// (`A-Z a-z 0-9 - . _ ~`) stay literal; everything else, `+` and space included, becomes
/// `%XX` (upper-case hex) of its UTF-8 bytes.
enum PortalLinkEncoding {
    private static let hex: [UInt8] = Array("0123456789ABCDEF".utf8)

    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// `text` with every byte that is not unreserved percent-encoded.
    static func encode(_ text: String) -> String {
        var bytes: [UInt8] = []
        for byte in text.utf8 {
            if isUnreserved(byte) {
                bytes.append(byte)
            } else {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Decodes `text` made only of unreserved characters, `+` (a literal plus, as the contract
    /// says) and `%XX` triplets (either hex case) whose bytes are valid UTF-8 without control
    /// characters; nil for anything else (space, `&`, `=`, a stray `%`, invalid UTF-8, `%00`).
    static func strictDecode(_ text: String) -> String? {
        let input = Array(text.utf8)
        var bytes: [UInt8] = []
        var index = 0
        while index < input.count {
            let byte = input[index]
            if isUnreserved(byte) || byte == UInt8(ascii: "+") {
                bytes.append(byte)
                index += 1
            } else if byte == UInt8(ascii: "%"), index + 2 < input.count {
                guard let high = hexValue(input[index + 1]), let low = hexValue(input[index + 2]) else { return nil }
                bytes.append(high << 4 | low)
                index += 3
            } else {
                return nil
            }
        }
        guard !bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { return nil }
        let decoded = String(decoding: bytes, as: UTF8.self)
        // Invalid UTF-8 is repaired with U+FFFD on decoding, so it does not round-trip.
        return Array(decoded.utf8) == bytes ? decoded : nil
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
