import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PortalAPI
import PortalTestSupport

/// A portal on 127.0.0.1 (a free port) whose numbers are hostile: it logs anyone in, then answers
/// the orders list by its `q` — `negative` (`total: -1`), `huge` (`total: Int.max`), `fraction`
/// (`totalCents: 2178.5`), `busy` (429 with `Retry-After: 9223372036854775807`) — and a cart whose
/// line is at `Int.max`.
struct HostileNumbersServer: Sendable {
    let baseURL: String
    private let service: LoopbackService

    static func start() async throws -> HostileNumbersServer {
        let router = Router()
        router.post(.init(stringLiteral: Routes.login)) { _, _ -> Response in
            var headers: HTTPFields = [.contentType: "application/json"]
            headers.append(HTTPField(name: .setCookie, value: "accessToken=hostile; Path=/; Max-Age=900; HttpOnly; SameSite=Lax"))
            headers.append(HTTPField(name: .setCookie, value: "refreshToken=hostile; Path=/api/portal/auth; Max-Age=604800; HttpOnly; SameSite=Strict"))
            return Response(status: .ok, headers: headers, body: body(#"{"success":true,"user":\#(user)}"#))
        }
        router.get(.init(stringLiteral: Routes.me)) { _, _ in
            json(.ok, #"{"success":true,"data":{"user":\#(user),"tenant":{"id":"ten_h","slug":"h","name":"Hostile","currency":"USD","timezone":"UTC"},"permissions":["orders:read","cart:write"]}}"#)
        }
        router.get(.init(stringLiteral: Routes.orders)) { request, _ -> Response in
            switch request.uri.queryParameters.get("q") {
            case "negative": return page(orders: [], total: "-1")
            case "huge": return page(orders: [], total: "9223372036854775807")
            case "fraction": return page(orders: [order(totalCents: "2178.5")], total: "1")
            case "busy":
                var response = json(.tooManyRequests, #"{"success":false,"error":{"code":"RATE_LIMITED","message":"Slow down"}}"#)
                response.headers[.retryAfter] = "9223372036854775807"
                return response
            default: return page(orders: [order(totalCents: "2178")], total: "1")
            }
        }
        router.get(.init(stringLiteral: Routes.cart)) { _, _ in
            json(
                .ok,
                #"{"success":true,"data":{"cart":{"id":"cart_1","customer":null,"items":[{"id":"ci_1","productId":"p_1","sku":"SKU-1","name":"Rioja","unit":"bottle","quantity":9223372036854775807,"unitPriceCents":1500,"lineTotalCents":1500}],"itemCount":9223372036854775807,"subtotalCents":1500,"taxCents":0,"totalCents":1500,"currency":"USD","version":1,"updatedAt":"2026-11-28T09:30:00Z"}}}"#
            )
        }
        let service = try await LoopbackService.start(router, label: "hostile-numbers")
        return HostileNumbersServer(baseURL: "http://127.0.0.1:\(service.port)", service: service)
    }

    func stop() async { await service.stop() }

    private static let user = #"{"id":"usr_h","email":"rep@hostile.test","name":"Rep","tenantId":"ten_h","roles":["sales_rep"],"lastLoginAt":null}"#

    private static func order(totalCents: String) -> String {
        #"{"id":"ord_1","orderNumber":"H-1","status":"pending","customer":{"id":"cus_1","name":"Bodega"},"placedBy":"usr_h","createdAt":"2026-11-28T09:30:00Z","updatedAt":"2026-11-28T09:30:00Z","lines":[],"itemCount":0,"subtotalCents":2000,"taxCents":178,"totalCents":\#(totalCents),"currency":"USD","notes":null}"#
    }

    private static func page(orders: [String], total: String) -> Response {
        json(
            .ok,
            #"{"success":true,"data":{"orders":[\#(orders.joined(separator: ","))]},"meta":{"pagination":{"page":1,"limit":20,"total":\#(total),"totalPages":\#(total)}}}"#)
    }

    private static func json(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: body(text))
    }

    private static func body(_ text: String) -> ResponseBody { .init(byteBuffer: ByteBuffer(string: text)) }
}
