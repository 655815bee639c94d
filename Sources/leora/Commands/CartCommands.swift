import ArgumentParser
import Foundation
import LeoraKit
import PortalAPI

struct CartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cart", abstract: "Your cart: lines, customer and totals.",
        subcommands: [Show.self, Add.self, Set.self, Remove.self, Customer.self], defaultSubcommand: Show.self)

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the cart.")
        @OptionGroup var global: GlobalOptions
        func run() async throws {
            try await CommandContext.run(global) { context in
                let cart = try await context.fetch { client in try await client.cart() }
                context.output.show(cart, CartText.render(cart))
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a quantity of a product (by id or SKU).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The product's id or SKU.") var product: String
        @Argument(help: "How many units to add.") var quantity: Int

        func validate() throws {
            guard quantity > 0 else { throw ValidationError("The quantity must be at least 1") }
        }

        func run() async throws {
            try await CommandContext.run(global) { context in
                let product = try await ProductLookup.find(self.product, context)
                let quantity = self.quantity
                let cart = try await context.call { client in try await client.addToCart(productId: product.id, quantity: quantity) }
                context.output.show(cart, "Added \(quantity) × \(product.name)\n\n\(CartText.render(cart))")
            }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a line's quantity (0 removes it).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The cart line's id (see `leora cart`) or its product's SKU.") var item: String
        @Argument(help: "The new quantity.") var quantity: Int

        func validate() throws {
            guard quantity >= 0 else { throw ValidationError("The quantity cannot be negative") }
        }

        func run() async throws {
            try await CommandContext.run(global) { context in
                let quantity = self.quantity
                let item = try await CartLine.resolve(self.item, context)
                let cart = try await context.idempotentCall { client in try await client.setCartItem(id: item, quantity: quantity) }
                context.output.show(cart, CartText.render(cart))
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a line.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The cart line's id (see `leora cart`) or its product's SKU.") var item: String

        func run() async throws {
            try await CommandContext.run(global) { context in
                let item = try await CartLine.resolve(self.item, context)
                let cart = try await context.idempotentCall { client in try await client.removeCartItem(id: item) }
                context.output.show(cart, CartText.render(cart))
            }
        }
    }

    struct Customer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Choose the customer the cart is for.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The customer's id.") var customer: String?
        @Flag(help: "Clear the customer.") var clear = false

        func validate() throws {
            guard (customer == nil) == clear else { throw ValidationError("Give a customer id, or --clear") }
        }

        func run() async throws {
            try await CommandContext.run(global) { context in
                let customer = self.customer
                let cart = try await context.idempotentCall { client in try await client.setCartCustomer(id: customer) }
                context.output.show(cart, CartText.render(cart))
            }
        }
    }
}

struct Checkout: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Turn the cart into an order for its customer.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Notes for the order.") var notes: String?
    @Flag(help: "Do not ask for confirmation.") var yes = false

    func run() async throws {
        try await CommandContext.run(global) { context in
            guard let userId = await context.session.state.session?.user.id else { throw CommandFailure("Not logged in; run `leora login`") }
            let journal = PendingCheckoutFile(session: context.session.file, userId: userId)
            let pending: PendingCheckout
            if let unfinished = journal.read() {
                // The last checkout's answer never came: send it again with its key, and get its order.
                FileHandleWriter.standardError("Completing the checkout started \(Self.time(unfinished.startedAt)), whose outcome was unknown…\n")
                pending = unfinished
            } else {
                // Cart changes made offline in the terminal UI go first: checkout waits until they reached the portal.
                let queued = (try? CartQueueFile(directory: context.session.file.directory, userId: userId).read().entries.count) ?? 0
                if queued > 0 { throw CommandFailure(ChangesWaiting(count: queued).description) }
                let cart = try await context.fetch { client in try await client.cart() }
                if !yes && !global.json {
                    context.output.print(CartText.render(cart))
                    FileHandleWriter.standardError("\nPlace this order for \(cart.customer?.name ?? "(no customer)"), \(Money.format(cart.totalCents, currency: cart.currency))? [y/N] ")
                    guard let answer = readLine(), ["y", "yes"].contains(answer.lowercased()) else {
                        throw CommandFailure("Checkout cancelled; nothing was ordered")
                    }
                }
                pending = PendingCheckout(request: CheckoutRequest(notes: notes, expectedVersion: cart.version), startedAt: Date())
                try journal.write(pending)
            }
            let order: Order
            do {
                order = try await IdempotentRetry().run(key: pending.key) { key in
                    try await context.call { client in try await client.checkout(pending.request, idempotencyKey: key) }
                }
            } catch let error as PortalError where !error.isDefinitive {
                context.output.error("The checkout's outcome is unknown (\(error.description)). Nothing is lost: run `leora checkout` again to complete it; it will not order twice.")
                throw ExitCode(75)
            } catch {
                journal.remove()
                throw error
            }
            journal.remove()
            context.output.show(order, "Placed order \(order.orderNumber) (\(order.id)) for \(order.customer.name): \(Money.format(order.totalCents, currency: order.currency))")
        }
    }

    private static func time(_ date: Date) -> String {
        date.formatted(date: .abbreviated, time: .shortened)
    }
}

enum CartText {
    static func render(_ cart: Cart) -> TerminalText {
        guard !cart.items.isEmpty else {
            return "The cart is empty\(cart.customer.map { " (customer: \($0.name))" } ?? "")"
        }
        var table = TextTable([.id("ITEM"), .left("SKU"), .left("PRODUCT", max: 40), .right("QTY"), .right("PRICE"), .right("TOTAL")])
        for item in cart.items {
            table.add([
                item.id, item.sku, item.name, "\(item.quantity) \(item.unit)\(item.quantity == 1 ? "" : "s")",
                Money.format(item.unitPriceCents, currency: cart.currency), Money.format(item.lineTotalCents, currency: cart.currency),
            ])
        }
        return """
            Customer: \(cart.customer.map { "\($0.name) (\($0.id))" } ?? "none — choose one with `leora cart customer ID`")
            \(table.render())

            Subtotal \(Money.format(cart.subtotalCents, currency: cart.currency))
            Tax      \(Money.format(cart.taxCents, currency: cart.currency))
            Total    \(Money.format(cart.totalCents, currency: cart.currency))   (\(cart.itemCount) items, version \(cart.version))
            """
    }
}

/// A cart line named on the command line: its id as `leora cart` prints it, or its product's SKU.
enum CartLine {
    static func resolve(_ reference: String, _ context: CommandContext) async throws -> String {
        let cart = try await context.fetch { client in try await client.cart() }
        if cart.items.contains(where: { $0.id == reference }) { return reference }
        if let line = cart.items.first(where: { $0.sku.caseInsensitiveCompare(reference) == .orderedSame }) { return line.id }
        throw CommandFailure("No line \(reference) in the cart (give a line's id or its SKU, as `leora cart` shows them)")
    }
}
