import Foundation
import ArgumentParser
import LeoraKit
import PortalAPI

struct OrdersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orders", abstract: "Your orders.", subcommands: [List.self, Show.self, Cancel.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List your orders, newest first.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "pending, confirmed, shipped, delivered or cancelled.") var status: String?
        @Option(help: "Only this customer's orders (a customer id).") var customer: String?
        @Option(help: "Match the order number or the customer's name.") var query: String?
        @Option(help: "Page to show.") var page = 1
        @Option(help: "Orders per page (1-100).") var limit = 20

        func validate() throws {
            if let status, OrderStatus(rawValue: status) == nil {
                throw ValidationError("--status must be one of \(OrderStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            try ListOptions.validate(page: page, limit: limit)
        }

        func run() async throws {
            try await CommandContext.run(global) { context in
                let (page, limit, status, customer, query) = (page, limit, status, customer, query)
                let result = try await context.fetch { client in
                    try await client.orders(page: page, limit: limit, status: status, customerId: customer, query: query)
                }
                context.output.show(OrdersListing(orders: result.items, pagination: result.pagination), OrderText.table(result, in: context.timeZone))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One order with its lines.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The order's number (NW-10609) or id.") var id: String

        func run() async throws {
            try await CommandContext.run(global) { context in
                let id = try await OrderReference.resolve(self.id, context)
                let order = try await context.fetch { client in try await client.order(id: id) }
                context.output.show(order, OrderText.detail(order, in: context.timeZone))
            }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel a pending order (its stock returns).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The order's number (NW-10609) or id.") var id: String

        func run() async throws {
            try await CommandContext.run(global) { context in
                let id = try await OrderReference.resolve(self.id, context)
                let order = try await IdempotentRetry().run { key in
                    try await context.call { client in try await client.cancelOrder(id: id, idempotencyKey: key) }
                }
                context.output.show(order, "Cancelled \(order.orderNumber) for \(order.customer.name)")
            }
        }
    }
}

/// `--json` shape of a list: the items and the pagination.
struct OrdersListing: Encodable {
    var orders: [Order]
    var pagination: Pagination
}

enum OrderText {
    static func table(_ page: Paged<Order>, in zone: TimeZone) -> TerminalText {
        var table = TextTable([
            .id("ID"), .left("NUMBER"), .left("DATE"), .left("CUSTOMER", max: 32), .left("STATUS"), .right("ITEMS"),
            .right("TOTAL"),
        ])
        for order in page.items {
            table.add([
                order.id, order.orderNumber, ShortDate.string(order.createdAt, in: zone), order.customer.name, order.status, "\(order.itemCount)",
                Money.format(order.totalCents, currency: order.currency),
            ])
        }
        let pages: TerminalText = "\(pageLine(page.pagination, noun: "orders")), times in \(ShortDate.zoneName(zone))"
        return page.items.isEmpty ? "No orders (\(pages))" : "\(table.render())\n\(pages)"
    }

    static func detail(_ order: Order, in zone: TimeZone) -> TerminalText {
        var lines = TextTable([.left("SKU"), .left("PRODUCT", max: 44), .right("QTY"), .right("PRICE"), .right("TOTAL")])
        for line in order.lines {
            lines.add([
                line.sku, line.name, "\(line.quantity)", Money.format(line.unitPriceCents, currency: order.currency),
                Money.format(line.lineTotalCents, currency: order.currency),
            ])
        }
        return """
            Order \(order.orderNumber) (\(order.id)) — \(order.status)
            Customer: \(order.customer.name)
            Placed:   \(ShortDate.string(order.createdAt, in: zone)) \(ShortDate.zoneName(zone))
            \(order.notes.map { "Notes:    \($0)\n" as TerminalText } ?? "")
            \(lines.render())

            Subtotal \(Money.format(order.subtotalCents, currency: order.currency))
            Tax      \(Money.format(order.taxCents, currency: order.currency))
            Total    \(Money.format(order.totalCents, currency: order.currency))
            """
    }
}

/// An order named on the command line: its number as people say it (`NW-10609`), or its id.
enum OrderReference {
    static func resolve(_ reference: String, _ context: CommandContext) async throws -> String {
        let found = try await context.fetch { client in try await client.orders(limit: 100, query: reference) }
        return found.items.first { $0.orderNumber.caseInsensitiveCompare(reference) == .orderedSame }?.id ?? reference
    }
}

/// The list commands' `--page` and `--limit`, checked before anything is sent (a usage error, exit 64).
enum ListOptions {
    static func validate(page: Int, limit: Int) throws {
        guard page >= 1 else { throw ValidationError("--page must be at least 1") }
        guard (1...100).contains(limit) else { throw ValidationError("--limit must be between 1 and 100") }
    }
}
