import ArgumentParser
import LeoraKit
import PortalAPI

struct ProductsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "products", abstract: "The catalogue.", subcommands: [List.self, Show.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List or search products.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Match name, brand or SKU.") var query: String?
        @Option(help: "Only this category.") var category: String?
        @Option(help: "Page to show.") var page = 1
        @Option(help: "Products per page (1-100).") var limit = 50

        func validate() throws { try ListOptions.validate(page: page, limit: limit) }

        func run() async throws {
            try await CommandContext.run(global) { context in
                let (page, limit, query, category) = (page, limit, query, category)
                let result = try await context.fetch { client in try await client.products(page: page, limit: limit, query: query, category: category) }
                var table = TextTable([.id("ID"), .left("SKU"), .left("NAME", max: 40), .left("UNIT"), .right("PRICE"), .right("AVAILABLE")])
                for product in result.items {
                    table.add([
                        product.id, product.sku, product.name, ProductText.unit(product), Money.format(product.unitPriceCents, currency: product.currency),
                        product.active ? "\(product.inventory.available)" : "inactive",
                    ])
                }
                context.output.show(
                    ProductsListing(products: result.items, pagination: result.pagination),
                    "\(table.render())\n\(pageLine(result.pagination, noun: "products"))")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One product and its stock.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The product's id or SKU.") var product: String

        func run() async throws {
            try await CommandContext.run(global) { context in
                let product = try await ProductLookup.find(self.product, context)
                context.output.show(product, ProductText.detail(product))
            }
        }
    }
}

struct CustomersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "customers", abstract: "Customer accounts.", subcommands: [List.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List or search customers.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Match name, account number or city.") var query: String?
        @Option(help: "Page to show.") var page = 1
        @Option(help: "Customers per page (1-100).") var limit = 50

        func validate() throws { try ListOptions.validate(page: page, limit: limit) }

        func run() async throws {
            try await CommandContext.run(global) { context in
                let (page, limit, query) = (page, limit, query)
                let result = try await context.fetch { client in try await client.customers(page: page, limit: limit, query: query) }
                var table = TextTable([.id("ID"), .left("NAME", max: 36), .left("ACCOUNT"), .left("CITY"), .right("HEALTH"), .left("LAST ORDER")])
                for customer in result.items {
                    table.add([
                        customer.id, customer.name, customer.accountNumber, customer.city, "\(customer.healthScore)",
                        customer.lastOrderAt.map { ShortDate.string($0, in: context.timeZone) } ?? "never",
                    ])
                }
                context.output.show(
                    CustomersListing(customers: result.items, pagination: result.pagination),
                    "\(table.render())\n\(pageLine(result.pagination, noun: "customers"))")
            }
        }
    }
}

struct ProductsListing: Encodable {
    var products: [Product]
    var pagination: Pagination
}

struct CustomersListing: Encodable {
    var customers: [Customer]
    var pagination: Pagination
}

/// A product named by id, or by SKU.
enum ProductLookup {
    static func find(_ idOrSku: String, _ context: CommandContext) async throws -> Product {
        do {
            return try await context.fetch { client in try await client.product(id: idOrSku) }
        } catch let error as PortalError where error.status == 404 {
            let matches = try await context.fetch { client in try await client.products(limit: 100, query: idOrSku) }.items
            guard let product = matches.first(where: { $0.sku.lowercased() == idOrSku.lowercased() }) else {
                throw CommandFailure("No product with the id or SKU '\(idOrSku)'")
            }
            return product
        }
    }
}

enum ProductText {
    static func unit(_ product: Product) -> String {
        product.unit == "case" ? "case of \(product.packSize)" : "bottle"
    }

    static func detail(_ product: Product) -> TerminalText {
        """
        \(product.name) (\(product.sku), \(product.id))
        \(product.brand) · \(product.category) · \(unit(product))
        \(product.description)
        Price:     \(Money.format(product.unitPriceCents, currency: product.currency)) per \(product.unit)
        Stock:     \(product.inventory.available) available (\(product.inventory.onHand) on hand, \(product.inventory.reserved) reserved)\(product.active ? "" : " — inactive")
        """
    }
}
