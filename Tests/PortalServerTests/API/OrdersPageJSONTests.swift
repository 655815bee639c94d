import Foundation
import Hummingbird
import PortalAPI
import Testing

@testable import PortalServer

/// The orders list's purpose-built writer (`OrdersPageJSON`) answers exactly what the generic encoder
/// (`JSONBody`) answers for the same page: the same bytes, and the same orders read back, for every field,
/// strings that need escaping and non-ASCII text included.
@Suite("Orders page JSON")
struct OrdersPageJSONTests {
    /// Every control character, quotes, backslashes, a slash, DEL, line and paragraph separators, escape
    /// sequences, combining marks, right-to-left text, emoji (a ZWJ sequence and a flag) and a BOM.
    static let hostile: [String] = [
        String(String.UnicodeScalarView((0..<0x20).map { Unicode.Scalar(UInt8($0)) })),
        #"She said "hi" \ back\slash \\ and \"escaped\" /path/to\/x"#,
        "\u{1B}[31mred\u{1B}[0m \u{1B}]0;title\u{07} \u{9B}2J",
        "\u{7F}\u{80}\u{9F} \u{2028}\u{2029} \u{FEFF}BOM \u{200B}zero-width",
        "Café Zürich, Ærø, naïve, Ελληνικά, Кириллица, 中文, 日本語のテキスト, 한국어",
        "e\u{301} combining, עברית and العربية right-to-left",
        "👩‍👩‍👧‍👦 family, 🇳🇿 flag, 😀",
        "",
        " ",
        "\\u0041 not an escape",
        "}]\"{[,:",
    ]

    static let dates: [Date] = [
        Date(timeIntervalSince1970: 0),
        Date(timeIntervalSince1970: 1_764_322_200),  // 2025-11-28T09:30:00Z
        Date(timeIntervalSince1970: 1_764_322_200.999),
        Date(timeIntervalSince1970: 1_764_322_200.9999),
        Date(timeIntervalSince1970: 1_764_322_200.99999999),
        Date(timeIntervalSince1970: 951_782_400),  // 2000-02-29
        Date(timeIntervalSince1970: 253_402_300_799),  // 9999-12-31T23:59:59Z
        Date(timeIntervalSince1970: 253_402_300_800),  // 10000-01-01
        Date(timeIntervalSince1970: -1.5),
        Date(timeIntervalSince1970: -12_219_292_800),  // 1582-10-15, the Gregorian cutover
        Date(timeIntervalSince1970: -62_135_596_800),
    ]

    static func orders() -> [Order] {
        var orders: [Order] = []
        for (index, text) in hostile.enumerated() {
            let created = dates[index % dates.count]
            let updated = dates[(index + 3) % dates.count]
            let lines = (0..<(index % 4)).map { number in
                OrderLine(
                    id: "line_\(text)_\(number)", productId: text, sku: "SKU/\(number) \(text)", name: text,
                    quantity: number == 2 ? Int.max : number + 1, unitPriceCents: number == 1 ? Int.min : -number * 7,
                    lineTotalCents: 0)
            }
            orders.append(
                Order(
                    id: "ord_\(index)_\(text)", orderNumber: "NW-\(text)", status: index % 2 == 0 ? text : "pending",
                    customer: CustomerReference(id: "cust/\(text)", name: text), placedBy: text, createdAt: created,
                    updatedAt: updated, lines: lines, itemCount: index, subtotalCents: -index, taxCents: Int.max - index,
                    totalCents: Int.min + index, currency: text.isEmpty ? "USD" : text, notes: index % 3 == 0 ? nil : text))
        }
        return orders
    }

    static func generic(_ orders: [Order], _ meta: Meta) -> ByteBuffer {
        JSONBody.encode(Envelope(data: OrdersPage(orders: orders), meta: meta))
    }

    static func read(_ bytes: ByteBuffer) throws -> Envelope<OrdersPage> {
        try JSONBody.decoder.decode(Envelope<OrdersPage>.self, from: Data(bytes.readableBytesView))
    }

    @Test func hostileOrdersAreTheGenericEncodersBytesAndReadBackTheSame() throws {
        let orders = Self.orders()
        for count in [0, 1, 2, orders.count] {
            let page = Array(orders.prefix(count))
            let meta = Meta(pagination: Pagination(page: 3, limit: 20, total: 12_345))
            let fast = OrdersPageJSON.encode(page, meta: meta)
            let generic = Self.generic(page, meta)
            #expect(String(buffer: fast) == String(buffer: generic), "\(count) orders")
            let fastRead = try Self.read(fast)
            let genericRead = try Self.read(generic)
            #expect(fastRead.success && fastRead.meta == meta && fastRead.meta == genericRead.meta)
            #expect(fastRead.data.orders.count == page.count)
            for (mine, theirs) in zip(fastRead.data.orders, genericRead.data.orders) {
                #expect(mine == theirs)
            }
            // Every string field survives its escaping exactly.
            for (read, written) in zip(fastRead.data.orders, page) {
                #expect(read.id == written.id && read.orderNumber == written.orderNumber && read.status == written.status)
                #expect(read.customer == written.customer && read.placedBy == written.placedBy && read.notes == written.notes)
                #expect(read.currency == written.currency && read.lines == written.lines)
                #expect(read.itemCount == written.itemCount && read.subtotalCents == written.subtotalCents)
                #expect(read.taxCents == written.taxCents && read.totalCents == written.totalCents)
            }
        }
    }

    @Test func anEmptyPageIsTheGenericEncodersBytes() {
        let meta = Meta(pagination: Pagination(page: 9, limit: 100, total: 0))
        #expect(String(buffer: OrdersPageJSON.encode([], meta: meta)) == String(buffer: Self.generic([], meta)))
    }

    @Test func timestampsAreFoundationsTextForEveryDate() {
        var random = SeededGenerator(seed: 20_261_204)
        var dates = Self.dates
        for _ in 0..<20_000 {
            // Milliseconds, as SQLite keeps them, from 1970 to past 9999, and a few before 1970.
            let milliseconds = random.int(in: -1_000_000_000_000...260_000_000_000_000)
            dates.append(Date(timeIntervalSince1970: Double(milliseconds) / 1_000))
        }
        for _ in 0..<2_000 {
            dates.append(Date(timeIntervalSinceReferenceDate: Double(random.int(in: -1_000_000_000...2_000_000_000)) + random.unit()))
        }
        for date in dates {
            var json = JSONBytes(capacity: 32)
            json.timestamp(date)
            #expect(String(buffer: json.buffer) == "\"\(Timestamp.string(from: date))\"", "\(date.timeIntervalSince1970)")
        }
    }
}
