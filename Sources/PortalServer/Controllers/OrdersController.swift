import Foundation
import Hummingbird
import PortalAPI

/// The caller's orders: list, detail, create and cancel.
struct OrdersController {
    let storage: any PortalStorage
    let idempotency: IdempotencyService
    let clock: PortalClock

    func addRoutes(to group: RouterGroup<PortalRequestContext>) {
        group.get(RouterPath(Routes.orders)) { request, context in
            let identity = try context.requireIdentity()
            try identity.require(.ordersRead)
            let list = try ListQuery.parse(request, defaultLimit: 20)
            var status: OrderStatus?
            if let text = try request.query("status") {
                guard let parsed = OrderStatus(rawValue: text) else {
                    throw APIError.validation(field: "status", "status must be one of \(OrderStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                status = parsed
            }
            let query = OrderQuery(list: list, status: status, customerId: try request.query("customerId"), text: try request.query("q"))
            let page = try await storage.orders(identity.scope, query)
            return ConditionalResponse.make(
                bytes: OrdersPageJSON.encode(page.rows, meta: list.meta(total: page.total)), status: .ok, for: request,
                identity: identity)
        }
        group.get(RouterPath(Routes.order(Routes.idParameter))) { request, context in
            let identity = try context.requireIdentity()
            try identity.require(.ordersRead)
            guard let order = try await storage.order(identity.scope, id: try context.parameters.requireText("id")) else {
                throw APIError.notFound("Order")
            }
            return ConditionalResponse.make(Envelope(data: OrderPayload(order: order)), for: request, identity: identity)
        }
        group.post(RouterPath(Routes.orders)) { request, context in
            let identity = try context.requireIdentity()
            try identity.require(.ordersWrite)
            let key = try IdempotencyKey.require(request)
            let data = try await RequestDecoding.body(from: request)
            let body = try RequestDecoding.decode(CreateOrderRequest.self, from: data)
            try Self.validate(body)
            let fingerprint = try RequestFingerprint.make(method: "POST", path: request.uri.path, body: data)
            return try await idempotency.perform(identity.scope, key: key, fingerprint: fingerprint, status: .created) { receipt in
                try await storage.placeOrder(identity.scope, body, at: clock.now(), receipt: receipt)
            }
        }
        group.post(RouterPath(Routes.cancelOrder(Routes.idParameter))) { request, context in
            let identity = try context.requireIdentity()
            try identity.require(.ordersWrite)
            let key = try IdempotencyKey.require(request)
            let id = try context.parameters.requireText("id")
            // The body carries nothing, but like every route's it must be JSON when sent.
            _ = try await RequestDecoding.body(from: request, emptyBody: "{}")
            let fingerprint = try RequestFingerprint.make(method: "POST", path: request.uri.path, body: nil)
            return try await idempotency.perform(identity.scope, key: key, fingerprint: fingerprint, status: .ok) { receipt in
                try await storage.cancelOrder(identity.scope, id: id, at: clock.now(), receipt: receipt)
            }
        }
    }

    static func validate(_ body: CreateOrderRequest) throws {
        guard !body.lines.isEmpty else { throw APIError.validation(field: "lines", "An order needs at least one line") }
        var seen: Set<String> = []
        for (index, line) in body.lines.enumerated() {
            guard (1...OrderLimits.maximumQuantity).contains(line.quantity) else {
                throw APIError.validation(field: "lines[\(index)].quantity", "quantity must be between 1 and \(OrderLimits.maximumQuantity)")
            }
            guard seen.insert(line.productId).inserted else {
                throw APIError.validation(field: "lines[\(index)].productId", "Each product may appear on one line only")
            }
        }
        try OrderLimits.validate(notes: body.notes)
    }
}

/// Bounds on what a request may ask for.
enum OrderLimits {
    static let maximumQuantity = 100_000
    /// In code points, as `maxLength` counts in openapi.yaml.
    static let maximumNotesLength = 2_000

    static func validate(notes: String?) throws {
        if let notes, notes.unicodeScalars.count > maximumNotesLength {
            throw APIError.validation(field: "notes", "notes must be at most \(maximumNotesLength) characters")
        }
    }
}
