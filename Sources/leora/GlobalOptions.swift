import ArgumentParser
import Foundation
import LeoraApp
import LeoraKit

/// Options every command accepts.
struct GlobalOptions: ParsableArguments {
    @Option(help: "The portal's address, e.g. https://portal.example.com.") var server: String?
    @Flag(help: "Print the contract's data as JSON, for scripts.") var json = false

    static let names: Set<String> = ["--server", "--json"]

    /// Moves global options found before the first subcommand word to the end.
    static func movedAfterSubcommand(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var rest: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--server", index + 1 < arguments.count {
                leading += [argument, arguments[index + 1]]
                index += 2
            } else if argument.hasPrefix("--server=") || argument == "--json" {
                leading.append(argument)
                index += 1
            } else {
                rest = Array(arguments[index...])
                break
            }
        }
        return rest + leading
    }

    /// --server, then LEORA_SERVER, then the config file, then the local default.
    func serverURL(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        let text = server ?? environment["LEORA_SERVER"].flatMap { $0.isEmpty ? nil : $0 }
            ?? LeoraConfig.load(environment: environment).config.server ?? "http://127.0.0.1:8787"
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            let shown = text.contains("@") ? "The server address" : "'\(text)'"  // never echo what may be a password
            throw ValidationError("\(shown) is not a server address (expected http://HOST:PORT or https://HOST)")
        }
        // Credentials in the address would be echoed, stored with the session and sent as Basic auth.
        guard url.user == nil, url.password == nil else {
            throw ValidationError("The server address must not contain a user name or password (log in with `leora login`)")
        }
        return url
    }
}
