import Foundation
import PortalAPI
import Testing

/// Orders as a tolerant reader takes them.
@Suite struct OrderDecodingTests {
    static let listRow = """
        {"id":"ord_1","orderNumber":"NW-1","status":"delivered","customer":{"id":"cus_1","name":"Zürich Weinstube"},
         "placedBy":"usr_1","createdAt":"2026-11-28T09:30:00Z","updatedAt":"2026-11-28T09:30:00Z","itemCount":3,
         "subtotalCents":300,"taxCents":25,"totalCents":325,"currency":"USD","notes":null,"somethingNew":true}
        """

    @Test func anOrderWithoutLinesReadsAsHavingNone() throws {
        let order = try PortalJSON.decoder().decode(Order.self, from: Data(Self.listRow.utf8))
        #expect(order.lines == [])
        #expect(order.itemCount == 3)
        #expect(order.notes == nil)
    }

    @Test func anOrderStillEncodesEveryField() throws {
        let order = try PortalJSON.decoder().decode(Order.self, from: Data(Self.listRow.utf8))
        let json = try #require(String(data: try PortalJSON.encoder(sortedKeys: true).encode(order), encoding: .utf8))
        #expect(json.contains("\"lines\":[]"))
        #expect(json.contains("\"notes\":null"))
        #expect(try PortalJSON.decoder().decode(Order.self, from: Data(json.utf8)) == order)
    }
}
