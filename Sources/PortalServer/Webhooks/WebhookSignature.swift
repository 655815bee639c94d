import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore

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

extension HTTPClientRequest {
    /// A JSON `POST` signed as webhook deliveries are: `X-Webhook-Id`, `X-Webhook-Timestamp` and
    /// `X-Webhook-Signature` (also used for the operator's alerts).
    static func signedWebhook(url: String, id: String, timestamp: Int, body: Data, secret: String, userAgent: String) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: userAgent)
        request.headers.add(name: "X-Webhook-Id", value: id)
        request.headers.add(name: "X-Webhook-Timestamp", value: String(timestamp))
        request.headers.add(name: "X-Webhook-Signature", value: WebhookSignature.sign(secret: secret, timestamp: timestamp, body: body))
        request.body = .bytes(ByteBuffer(data: body))
        return request
    }
}
