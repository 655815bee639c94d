import ArgumentParser
import Foundation
import LeoraKit

/// `leora`: the Leora portal in a terminal.
@main
struct Leora: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leora",
        abstract: "The Leora portal in a terminal: orders, products, a cart for your customers, and the daily briefing.",
        discussion: """
            The server comes from --server, then LEORA_SERVER, then `server` in \
            $XDG_CONFIG_HOME/leora/config.json, then http://127.0.0.1:8787.
            Exit codes: 0 ok, 1 error, 3 not logged in, 64 usage.
            """,
        version: LeoraVersion.current,
        subcommands: [
            Login.self, Logout.self, Whoami.self, OrdersCommand.self, ProductsCommand.self, CustomersCommand.self,
            CartCommand.self, Checkout.self, Briefing.self, Health.self,
        ]
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        // The terminal UI comes with the next issue; until then, show what there is.
        print(Leora.helpMessage())
    }

    /// Global options may come before the subcommand (`leora --server URL orders list`): they are moved
    /// after it, where every command accepts them.
    static func main() async {
        let arguments = GlobalOptions.movedAfterSubcommand(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
