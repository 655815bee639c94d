import ArgumentParser
import Foundation
import LeoraApp
import LeoraKit

/// `leora`: the Leora portal in a terminal.
struct Leora: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leora",
        abstract: "The Leora portal in a terminal: orders, products, a cart for your customers, and the daily briefing.",
        discussion: """
            The profile (a portal and account, with its own session and cache) comes from --profile, then \
            LEORA_PROFILE, then `leora profiles use`, then `default`. A declared profile has its own server \
            (--server may only repeat it); the default profile's server comes from --server, then LEORA_SERVER, \
            then `server` in $XDG_CONFIG_HOME/leora/config.yaml, then http://127.0.0.1:8787. The config file \
            may also set `profiles`, `theme`, `mouse` and `keys` (see README). Logs go to \
            $XDG_STATE_HOME/leora/leora.log.
            Exit codes: 0 ok, 1 error, 3 not logged in, 64 usage, 75 a checkout whose answer was lost (run \
            `leora checkout` again: it completes that order, never a second).
            """,
        version: LeoraVersion.current,
        subcommands: [
            Login.self, Logout.self, Whoami.self, OrdersCommand.self, ProductsCommand.self, CustomersCommand.self,
            CartCommand.self, Checkout.self, Briefing.self, Health.self, ProfilesCommand.self,
        ]
    )

    @OptionGroup var options: InterfaceOptions

    func run() async throws {
        try await MainActor.run { try Self.runInterface(options) }
    }

    /// With a terminal on both ends: the terminal UI, on the main thread. Otherwise a usage error
    /// that says so (exit 64), not the help with success: a script calling `leora` alone gets no UI.
    @MainActor
    static func runInterface(_ options: InterfaceOptions) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            FileHandleWriter.standardError(
                "leora: the terminal UI needs a terminal on standard input and output. For scripts, use a command: leora --help lists them.\n")
            throw ExitCode(64)
        }
        let global = options.global
        let profile = try global.resolveProfile()
        let (config, warning) = LeoraConfig.load()
        StartupTrace.shared.mark("config.yaml read")
        let (email, theme, mouse) = (options.email, options.theme ?? config.theme, options.mouse || config.mouse == true)
        // The timeline goes to standard error once the terminal is given back.
        defer { StartupTrace.shared.report() }
        do {
            try LeoraApp.run(
                profile: profile, defaultServer: profile.name == .standard ? global.server : nil, email: email, theme: theme, mouse: mouse,
                keys: config.keys, warnings: [warning].compactMap { $0 })
        } catch let failure as LeoraApp.StartFailure {
            FileHandleWriter.standardError("\(failure.description)\n")
            throw ExitCode(1)
        }
    }
}
