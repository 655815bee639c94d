import Crypto
import Foundation

/// Checks a `stripe-signature` header, `t=<unix seconds>,v1=<hex>[,v1=<hex>…][,v0=…]`: some `v1` must be
/// the HMAC-SHA256 of `t + "." + body` (the body's bytes as received) keyed with the endpoint secret's
/// UTF-8 bytes, compared in constant time, and `t` must be within `tolerance` of now, in the past or the
/// future. Schemes other than `v1` are ignored.
enum StripeSignature {
    static let headerName = "stripe-signature"
    static let tolerance: TimeInterval = 5 * 60

    static func isValid(header: String?, body: Data, secret: String, now: Date, tolerance: TimeInterval = tolerance) -> Bool {
        guard let header, let parsed = ParsedHeader(header), let timestamp = Int64(parsed.timestamp) else { return false }
        guard abs(now.timeIntervalSince1970 - TimeInterval(timestamp)) <= tolerance else { return false }
        var message = Data("\(parsed.timestamp).".utf8)
        message.append(body)
        let key = SymmetricKey(data: Data(secret.utf8))
        return parsed.signatures.contains { candidate in
            guard let code = hexBytes(candidate) else { return false }
            return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: message, using: key)
        }
    }

    /// The header's one `t` (kept as sent: the signature covers its text) and its `v1` signatures.
    struct ParsedHeader: Equatable {
        var timestamp: String
        var signatures: [String]

        /// Nil without exactly one all-digit `t` or without any `v1`.
        init?(_ header: String) {
            var timestamp: String?
            var signatures: [String] = []
            for element in header.split(separator: ",") {
                let pair = element.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard pair.count == 2 else { continue }
                let value = pair[1].trimmingCharacters(in: .whitespaces)
                switch pair[0].trimmingCharacters(in: .whitespaces) {
                case "t":
                    guard timestamp == nil else { return nil }
                    timestamp = value
                case "v1":
                    signatures.append(value)
                default:
                    continue
                }
            }
            guard let timestamp, (1...18).contains(timestamp.count), timestamp.allSatisfy({ $0.isASCII && $0.isNumber }),
                !signatures.isEmpty
            else { return nil }
            self.timestamp = timestamp
            self.signatures = signatures
        }
    }

    /// The bytes of a hex string; nil when it is not one.
    static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard !digits.isEmpty, digits.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
