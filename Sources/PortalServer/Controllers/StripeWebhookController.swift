import Foundation
import HTTPTypes
import Hummingbird
import PortalAPI

/// `POST /api/webhooks/stripe`: payment confirmations from Stripe, signed with `STRIPE_WEBHOOK_SECRET`.
/// Answers in Stripe's shape (`{ "received": true }`, `{ "error": … }`), not the portal envelope. The
/// signature (over the body's bytes as received) is checked before the body is parsed; without a
/// configured secret every request is refused.
struct StripeWebhookController {
    let storage: any PortalStorage
    let secret: String?
    let clock: PortalClock

    private static let signatureField = HTTPField.Name(StripeSignature.headerName)!

    func addRoutes(to group: RouterGroup<PortalRequestContext>) {
        group.post(RouterPath(Routes.stripeWebhook)) { request, context in
            var request = request
            guard let buffer = try? await request.collectBody(upTo: RequestDecoding.maximumBodySize) else {
                return Self.refusal("Invalid payload", status: .badRequest)
            }
            let body = Data(buffer: buffer)
            guard let secret,
                StripeSignature.isValid(header: request.headers[Self.signatureField], body: body, secret: secret, now: clock.now())
            else {
                context.logger.info("stripe event refused: invalid signature")
                return Self.refusal("Invalid signature", status: .unauthorized)
            }
            guard let event = StripeEvent(json: body) else {
                context.logger.info("stripe event refused: not JSON")
                return Self.refusal("Invalid payload", status: .badRequest)
            }
            // Without an id a replay could not be recognised, so such an event is acknowledged and never applied.
            var outcome = StripeEventOutcome.ignored
            if let id = event.id {
                outcome = try await storage.applyStripeEvent(
                    id: id, type: event.type ?? "", confirmingOrder: event.orderToConfirm, at: clock.now())
            }
            context.logger.info(
                "stripe event",
                metadata: [
                    "event": "\(event.id?.prefix(100) ?? "none")", "type": "\(event.type?.prefix(100) ?? "none")",
                    "outcome": "\(outcome.rawValue)",
                ])
            return JSONBody.response(Acknowledgement(received: true), status: .ok, headers: [.cacheControl: "no-store"])
        }
    }

    private static func refusal(_ message: String, status: HTTPResponse.Status) -> Response {
        JSONBody.response(Refusal(error: message), status: status, headers: [.cacheControl: "no-store"])
    }

    private struct Acknowledgement: Encodable {
        var received: Bool
    }

    private struct Refusal: Encodable {
        var error: String
    }
}
