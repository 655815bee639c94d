import NIOCore
import PortalAPI

/// The orders list's answer, `Envelope(data: OrdersPage(orders:), meta:)`, written field by field: the very
/// bytes `JSONBody.encode` writes for it (keys sorted, `/` unescaped), without the generic encoder's boxing,
/// key sorting and date strategy on every order and line (a third of a deep page's time in a profile).
/// `OrdersPageJSONTests` compares the two on every field, hostile strings included: a field added to `Order`
/// and not here fails it.
enum OrdersPageJSON {
    static func encode(_ orders: [Order], meta: Meta) -> ByteBuffer {
        let lines = orders.reduce(0) { $0 + $1.lines.count }
        var json = JSONBytes(capacity: 256 + orders.count * 512 + lines * 192)
        json.raw(#"{"data":{"orders":["#)
        for (index, order) in orders.enumerated() {
            if index > 0 { json.raw(",") }
            write(order, into: &json)
        }
        let pagination = meta.pagination
        json.raw(#"]},"meta":{"pagination":{"limit":"#)
        json.int(pagination.limit)
        json.raw(#","page":"#)
        json.int(pagination.page)
        json.raw(#","total":"#)
        json.int(pagination.total)
        json.raw(#","totalPages":"#)
        json.int(pagination.totalPages)
        json.raw(#"}},"success":true}"#)
        return json.buffer
    }

    private static func write(_ order: Order, into json: inout JSONBytes) {
        json.raw(#"{"createdAt":"#)
        json.timestamp(order.createdAt)
        json.raw(#","currency":"#)
        json.string(order.currency)
        json.raw(#","customer":{"id":"#)
        json.string(order.customer.id)
        json.raw(#","name":"#)
        json.string(order.customer.name)
        json.raw(#"},"id":"#)
        json.string(order.id)
        json.raw(#","itemCount":"#)
        json.int(order.itemCount)
        json.raw(#","lines":["#)
        for (index, line) in order.lines.enumerated() {
            if index > 0 { json.raw(",") }
            write(line, into: &json)
        }
        json.raw(#"],"notes":"#)
        json.string(order.notes)
        json.raw(#","orderNumber":"#)
        json.string(order.orderNumber)
        json.raw(#","placedBy":"#)
        json.string(order.placedBy)
        json.raw(#","status":"#)
        json.string(order.status)
        json.raw(#","subtotalCents":"#)
        json.int(order.subtotalCents)
        json.raw(#","taxCents":"#)
        json.int(order.taxCents)
        json.raw(#","totalCents":"#)
        json.int(order.totalCents)
        json.raw(#","updatedAt":"#)
        json.timestamp(order.updatedAt)
        json.raw("}")
    }

    private static func write(_ line: OrderLine, into json: inout JSONBytes) {
        json.raw(#"{"id":"#)
        json.string(line.id)
        json.raw(#","lineTotalCents":"#)
        json.int(line.lineTotalCents)
        json.raw(#","name":"#)
        json.string(line.name)
        json.raw(#","productId":"#)
        json.string(line.productId)
        json.raw(#","quantity":"#)
        json.int(line.quantity)
        json.raw(#","sku":"#)
        json.string(line.sku)
        json.raw(#","unitPriceCents":"#)
        json.int(line.unitPriceCents)
        json.raw("}")
    }
}
