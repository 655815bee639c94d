import Crypto
import Foundation

/// Checks `Authorization: Bearer <secret>` against a configured secret (the cron and metrics routes).
enum BearerSecret {
    /// Compares in constant time (both sides hashed first, so lengths do not leak either).
    static func matches(_ header: String?, _ secret: String) -> Bool {
        guard let header, header.hasPrefix("Bearer ") else { return false }
        let presented = SHA256.hash(data: Data(header.dropFirst("Bearer ".count).utf8))
        let expected = SHA256.hash(data: Data(secret.utf8))
        return presented.withUnsafeBytes { left in
            expected.withUnsafeBytes { right in zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0 }
        }
    }
}
