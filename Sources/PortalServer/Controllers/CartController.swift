import Foundation
import Hummingbird
import PortalAPI

/// The caller's one open cart, and checkout.
struct CartController {
    let storage: any PortalStorage
    let idempotency: IdempotencyService
    let clock: PortalClock

    func addRoutes(to group: RouterGroup<PortalRequestContext>) {
        group.get(RouterPath(Routes.cart)) { request, context in
            let identity = try context.requireIdentity()
            let cart = try await storage.cart(identity.scope, at: clock.now())
            return ConditionalResponse.make(Envelope(data: CartPayload(cart: cart)), for: request, identity: identity)
        }
        group.post(RouterPath(Routes.cartItems)) { request, context in
            let identity = try context.requireIdentity()
            try identity.require(.cartWrite)
            let body = try RequestDecoding.decode(AddCartItemRequest.self, from: try await RequestDecoding.body(from: request))
            guard (1...OrderLimits.maximumQuantity).contains(body.quantity) else {
                throw APIError.validation(field: "quantity", "quantity must be between 1 and \(OrderLimits.maximumQuantity)")
            }
            return try await change(.add(productId: body.productId, quantity: body.quantity), request, identity, status: .created)
        }
        group.patch(RouterPath(Routes.cartItem(Routes.itemIdParameter))) { request, context in
            let identity = try context.requireIdentity()
            try identity.require(.cartWrite)
            let body = try RequestDecoding.decode(UpdateCartItemRequest.self, from: try await RequestDecoding.body(from: request))
            guard (0...OrderLimits.maximumQuantity).contains(body.quantity) else {
                throw APIError.validation(field: "quantity", "quantity must be between 0 and \(OrderLimits.maximumQuantity)")
            }
            let itemId = try context.parameters.requireText("itemId")
            return try await change(.setQuantity(itemId: itemId, quantity: body.quantity), request, identity, status: .ok)
        }
        group.delete(RouterPath(Routes.cartItem(Routes.itemIdParameter))) { request, context in
            let identity = try context.requireIdentity()
            try identity.require(.cartWrite)
            return try await change(.remove(itemId: try context.parameters.requireText("itemId")), request, identity, status: .ok)
        }
        group.put(RouterPath(Routes.cartCustomer)) { request, context in
            let identity = try context.requireIdentity()
            try identity.require(.cartWrite)
            let body = try RequestDecoding.decode(SetCartCustomerRequest.self, from: try await RequestDecoding.body(from: request))
            return try await change(.setCustomer(customerId: body.customerId), request, identity, status: .ok)
        }
        group.post(RouterPath(Routes.checkout)) { request, context in
            let identity = try context.requireIdentity()
            try identity.require(.cartWrite, .ordersWrite)
            let key = try IdempotencyKey.require(request)
            let data = try await RequestDecoding.body(from: request, emptyBody: "{}")
            let body = try RequestDecoding.decode(CheckoutRequest.self, from: data)
            try OrderLimits.validate(notes: body.notes)
            let fingerprint = try RequestFingerprint.make(method: "POST", path: request.uri.path, body: data)
            return try await idempotency.perform(identity.scope, key: key, fingerprint: fingerprint, status: .created) { receipt in
                try await storage.checkout(identity.scope, body, at: clock.now(), receipt: receipt)
            }
        }
    }

    private func change(_ change: CartChange, _ request: Request, _ identity: Identity, status: HTTPResponse.Status) async throws -> Response {
        let cart = try await storage.changeCart(identity.scope, change, at: clock.now())
        return ConditionalResponse.make(Envelope(data: CartPayload(cart: cart)), status: status, for: request, identity: identity)
    }
}
