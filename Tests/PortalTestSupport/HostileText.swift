import Foundation
import GRDB
import PortalAPI
@testable import PortalServer

/// Text a hostile or compromised portal could serve, and a way to make it exist in a real one.
///
/// Each string carries readable words that must survive and sequences that must never reach a
/// terminal as control: a window title (OSC 0), a clipboard write (OSC 52), a cleared screen
/// (CSI 2J), colours, a cursor-position request the terminal would answer (C1 CSI `6n`), a
/// right-to-left override, isolates, and line breaks that would forge a row of a table.
public enum HostileText {
    public static let productName =
        "Evil Rioja \u{1B}]0;PWNED-TITLE\u{07}\u{1B}]52;c;cm0gLXJmIH4K\u{07}\u{1B}[2J\u{9B}6n\u{202E}lanruoj\nFORGED PRODUCT ROW"
    /// How `productName` reads once sanitised.
    public static let productNameShown = "Evil Rioja ␛]0;PWNED-TITLE␇␛]52;c;cm0gLXJmIH4K␇␛[2J\u{FFFD}6n\u{FFFD}lanruoj␊FORGED PRODUCT ROW"

    public static let customerName = "Bodega \u{1B}[31mRoja\u{1B}[0m \u{2066}Isolate\u{2069}\u{200F}\r\nFORGED CUSTOMER ROW"
    public static let customerNameShown = "Bodega ␛[31mRoja␛[0m \u{FFFD}Isolate\u{FFFD}\u{FFFD}␍␊FORGED CUSTOMER ROW"

    public static let notes = "Leave at the door \u{1B}]0;PWNED-NOTES\u{07}\u{9D}0;x\u{9C}\nFORGED NOTES LINE"
    public static let notesShown = "Leave at the door ␛]0;PWNED-NOTES␇\u{FFFD}0;x\u{FFFD}␊FORGED NOTES LINE"

    public static let orderNumber = "NW-\u{1B}]0;PWNED-COPY\u{07}\u{202E}9999"
    public static let orderNumberShown = "NW-␛]0;PWNED-COPY␇\u{FFFD}9999"

    /// What a model may write into the briefing (a summary, an action's title).
    public static let briefingText = "Call \u{1B}]0;PWNED-BRIEFING\u{07}\u{202E}Zoe\u{200B} \u{1B}[1;1HFORGED"
    public static let briefingTextShown = "Call ␛]0;PWNED-BRIEFING␇\u{FFFD}Zoe ␛[1;1HFORGED"

    /// A webhook subscription's URL and a delivery's last error, as a tenant admin sees them.
    public static let webhookURL = "http://hooks.example/\u{1B}]52;c;cm0gLXJmIH4K\u{07}\u{9B}6n"
    public static let webhookURLShown = "http://hooks.example/␛]52;c;cm0gLXJmIH4K␇\u{FFFD}6n"
    public static let deliveryError = "refused \u{1B}]0;PWNED-DELIVERY\u{07}\u{2066}x"
    public static let deliveryErrorShown = "refused ␛]0;PWNED-DELIVERY␇\u{FFFD}x"

    /// Every code point in `output` that a terminal would take as control: ESC and the other C0
    /// controls (all but `allowed`, the line feeds between lines by default), DEL, C1 controls and
    /// bidirectional formatting characters, as `U+XXXX` with its offset. Empty when `output` is safe.
    public static func controlCharacters(in output: String, allowed: Set<Unicode.Scalar> = ["\n"]) -> [String] {
        var found: [String] = []
        for (offset, scalar) in output.unicodeScalars.enumerated() where !allowed.contains(scalar) {
            let value = scalar.value
            let isControl = value < 0x20 || (0x7F...0x9F).contains(value)
            let isBidi = [0x061C, 0x200E, 0x200F].contains(value) || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
            if isControl || isBidi { found.append("U+\(String(value, radix: 16, uppercase: true)) at \(offset)") }
        }
        return found
    }

    /// The rows the hostile texts were written into.
    public struct Records: Sendable {
        /// The first product of the catalogue, now named `productName`.
        public var productId: String
        /// The customer of the newest order, now named `customerName`.
        public var customerId: String
        /// `rep@northwind.test`'s newest order, now numbered `orderNumber`, with `notes`.
        public var orderId: String
    }

    /// Writes the hostile texts into the demo data of the running portal at `baseURL`, whose SQLite file
    /// is `databasePath`: straight into the database, since no route renames products or customers.
    public static func plant(portal baseURL: String, databasePath: String) async throws -> Records {
        let client = TestClient(baseURL: baseURL)
        let login = try await client.post(Routes.login, json: ["email": .string("rep@northwind.test"), "password": .string(SeedDataset.demoPassword)])
        guard login.status == 200 else { throw TestFailure("login answered \(login.status): \(login.text)") }
        guard let product = try await client.get("\(Routes.products)?limit=1").data(ProductsPage.self).products.first,
            let order = try await client.get("\(Routes.orders)?limit=1").data(OrdersPage.self).orders.first
        else { throw TestFailure("the demo data has no product or no order") }
        let records = Records(productId: product.id, customerId: order.customer.id, orderId: order.id)
        let storage = try SQLiteStorage(path: databasePath)
        try await storage.writer.write { db in
            try db.execute(
                sql: "UPDATE products SET name = ?, name_key = ? WHERE id = ?", arguments: [productName, productName.lowercased(), records.productId])
            try db.execute(
                sql: "UPDATE customers SET name = ?, name_key = ? WHERE id = ?", arguments: [customerName, customerName.lowercased(), records.customerId])
            try db.execute(sql: "UPDATE orders SET order_number = ?, notes = ? WHERE id = ?", arguments: [orderNumber, notes, records.orderId])
        }
        return records
    }

    /// Gives `admin@northwind.test`'s tenant a subscription to `webhookURL` whose one delivery
    /// failed with `deliveryError`, straight into the database (the portal refuses such a URL).
    public static func plantWebhook(databasePath: String) async throws {
        let storage = try SQLiteStorage(path: databasePath)
        try await storage.writer.write { db in
            guard let tenant = try String.fetchOne(db, sql: "SELECT tenant_id FROM users WHERE email = 'admin@northwind.test'") else {
                throw TestFailure("the demo data has no admin@northwind.test")
            }
            let now = Date()
            try db.execute(
                sql: "INSERT INTO webhook_subscriptions (id, tenant_id, event_type, url, secret, active, created_at) VALUES ('whs_hostile', ?, 'order.created', ?, 'whsec_x', 1, ?)",
                arguments: [tenant, webhookURL, now])
            try db.execute(
                sql: "INSERT INTO webhook_events (id, tenant_id, event_type, data, created_at) VALUES ('whe_hostile', ?, 'order.created', ?, ?)",
                arguments: [tenant, Data("{}".utf8), now])
            try db.execute(
                sql: """
                    INSERT INTO webhook_deliveries (id, tenant_id, event_id, subscription_id, status, attempts, last_attempt_at, last_error, created_at)
                    VALUES ('whd_hostile', ?, 'whe_hostile', 'whs_hostile', 'failed_permanent', 8, ?, ?, ?)
                    """,
                arguments: [tenant, now, deliveryError, now])
        }
    }
}
