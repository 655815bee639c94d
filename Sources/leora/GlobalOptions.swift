import ArgumentParser
import Foundation
import LeoraApp
import LeoraKit

/// Options every command accepts.
struct GlobalOptions: ParsableArguments {
    @Option(help: "The profile to use (see `leora profiles`); else LEORA_PROFILE, the current one, or default.")
    var profile: String?
    @Option(help: "The portal's address, e.g. https://portal.example.com: the default profile's (see README), or the one `profiles add` declares.")
    var server: String?
    @Flag(help: "Print the contract's data as JSON, for scripts.") var json = false

    static let names: Set<String> = ["--profile", "--server", "--json"]

    /// Moves global options found before the first subcommand word to the end.
    static func movedAfterSubcommand(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var rest: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--server" || argument == "--profile", index + 1 < arguments.count {
                leading += [argument, arguments[index + 1]]
                index += 2
            } else if argument.hasPrefix("--server=") || argument.hasPrefix("--profile=") || argument == "--json" {
                leading.append(argument)
                index += 1
            } else {
                rest = Array(arguments[index...])
                break
            }
        }
        return rest + leading
    }

    /// The profile and its server (see `ProfileResolver` for the rules), after moving a single-server
    /// setup's files into the `default` profile once. Warnings about the profile files go to standard error.
    func resolveProfile(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ResolvedProfile {
        let paths = LeoraPaths(environment: environment)
        let catalog = ProfileCatalog.load(paths)
        for warning in catalog.warnings { FileHandleWriter.standardError("leora: \(warning)\n") }
        let resolved: ResolvedProfile
        do {
            resolved = try ProfileResolver.resolve(profile: profile, server: server, paths: paths, catalog: catalog)
        } catch {
            throw ValidationError(error.description)
        }
        try Self.migrateIfNeeded(paths, catalog: catalog, server: resolved.name == .standard ? server : nil)
        return resolved
    }

    /// Moves the legacy per-server files of the default profile's server into `profiles/default/`, once.
    static func migrateIfNeeded(_ paths: LeoraPaths, catalog: ProfileCatalog, server: String?) throws {
        guard let standard = try? ProfileResolver.resolve(.standard, server: server, paths: paths, catalog: catalog) else { return }
        do {
            try ProfileMigration.run(defaultServer: standard.server, paths)
        } catch {
            FileHandleWriter.standardError("leora: moving the files of \(standard.server.absoluteString) into the default profile failed: \(String(describing: error))\n")
            throw ExitCode(1)
        }
    }
}
