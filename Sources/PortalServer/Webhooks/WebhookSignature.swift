import Crypto
import Foundation

/// `X-Webhook-Signature`: lowercase hex HMAC-SHA256, key = the secret string's UTF-8 bytes exactly as
/// returned, message = the decimal timestamp + "." + the exact body bytes.
enum WebhookSignature {
    static func sign(secret: String, timestamp: Int, body: Data) -> String {
        var message = Data("\(timestamp).".utf8)
        message.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(secret.utf8)))
        return mac.map { String(format: "%02x", $0) }.joined()
    }
}
