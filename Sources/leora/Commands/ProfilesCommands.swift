import ArgumentParser
import Foundation
import LeoraKit
import PortalAPI

/// `leora profiles`: the portals and accounts this terminal knows, each with its own session, cache
/// and journals. Works on files only; it talks to no portal.
struct ProfilesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profiles", abstract: "Profiles: a name for a portal and account, each with its own session and cache.",
        discussion: """
            A profile is chosen by --profile, then LEORA_PROFILE, then the current one (`leora profiles use`), \
            then `default`. Profiles are declared under `profiles:` in $XDG_CONFIG_HOME/leora/config.yaml (never \
            rewritten) or by `leora profiles add` (in profiles.yaml beside it). A declared profile uses its own \
            server: --server may only repeat it and LEORA_SERVER is ignored; they set the server of an \
            undeclared `default`, as before profiles.
            """,
        subcommands: [List.self, Add.self, Remove.self, Use.self], defaultSubcommand: List.self)

    /// One row of `leora profiles list --json`.
    struct Row: Encodable {
        var name: String
        var server: String
        var email: String?
        var declaredIn: String?
        var current: Bool
        var loggedIn: Bool
        var user: String?
        var pendingCheckout: Bool
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the profiles: server, account, logged in or not, which is current.")
        // --json (and the other global options, which swift-argument-parser gives the root command too).
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let json = global.json
            let paths = LeoraPaths()
            let catalog = ProfilesCommand.catalog(paths)
            try GlobalOptions.migrateIfNeeded(paths, catalog: catalog, server: nil)
            let current = CurrentProfile.read(paths) ?? .standard
            var profiles = catalog.profiles.map { ($0.name, $0.server, $0.email, Optional($0.origin.rawValue)) }
            if catalog.profile(named: .standard) == nil, let standard = try? ProfileResolver.resolve(.standard, server: nil, paths: paths, catalog: catalog) {
                profiles.insert((.standard, standard.server, nil, nil), at: 0)
            }
            let rows = profiles.map { name, server, email, origin in
                let files = paths.profile(name)
                let session = try? files.sessionFile.read()
                let fresh = session.flatMap { $0.server == server.absoluteString ? $0 : nil }
                let journal = fresh.map { PendingCheckoutFile(session: files.sessionFile, userId: $0.user.id).read() != nil } ?? false
                return Row(
                    name: name.rawValue, server: server.absoluteString, email: email, declaredIn: origin, current: name == current,
                    loggedIn: fresh != nil, user: fresh?.user.email, pendingCheckout: journal)
            }
            let output = Output(json: json)
            var table = TextTable([.init(title: ""), .init(title: "PROFILE"), .init(title: "SERVER", maxWidth: 50), .init(title: "ACCOUNT"), .init(title: "")])
            for row in rows {
                let state = row.loggedIn ? "logged in" + (row.pendingCheckout ? ", a checkout waits" : "") : "not logged in"
                table.add([row.current ? "*" : "", row.name, row.server, row.user ?? row.email ?? "", state])
            }
            output.show(rows, table.render())
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a profile (to profiles.yaml).")
        @Argument(help: "Its name: lower-case letters, digits, - and _.") var name: String
        // --server URL, the profile's portal (required), is the global option.
        @OptionGroup var global: GlobalOptions
        @Option(help: "The account to log in as (prefilled at login).") var email: String?
        @Flag(help: "Make it the current profile too.") var use = false

        func validate() throws {
            guard global.server != nil else { throw ValidationError("Missing --server URL: the profile's portal") }
        }

        func run() async throws {
            let paths = LeoraPaths()
            let server = global.server ?? ""
            let profile: Profile
            do {
                profile = Profile(name: try ProfileName(name), server: try ServerAddress.parse(server), email: email, origin: .profiles)
            } catch let error as ProfileName.Invalid {
                throw ValidationError(error.description)
            } catch let error as ServerAddress.Invalid {
                throw ValidationError(error.description)
            }
            try ProfilesCommand.refusing { try ProfileCatalog.add(profile, paths) }
            if use { try CurrentProfile.write(profile.name, paths) }
            Output(json: false).print("Added profile \(profile.name) (\(profile.server.absoluteString))\(use ? "; it is the current profile" : "")")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a profile from profiles.yaml (its files stay; log out first to end its session).")
        @Argument(help: "The profile's name.") var name: String

        func run() async throws {
            let paths = LeoraPaths()
            let name = try ProfilesCommand.validName(self.name)
            try ProfilesCommand.refusing { try ProfileCatalog.remove(name, paths) }
            var note: TerminalText = ""
            if CurrentProfile.read(paths) == name {
                try CurrentProfile.write(nil, paths)
                note = "; the current profile is default again"
            }
            Output(json: false).print("Removed profile \(name)\(note)")
        }
    }

    struct Use: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a profile the current one, for the commands and leora started from now on (running ones keep theirs).")
        @Argument(help: "The profile's name (default goes back to the default profile).") var name: String

        func run() async throws {
            let paths = LeoraPaths()
            let name = try ProfilesCommand.validName(self.name)
            let catalog = ProfilesCommand.catalog(paths)
            guard name == .standard || catalog.profile(named: name) != nil else {
                Output(json: false).error("There is no profile named \(name); `leora profiles list` shows them")
                throw ExitCode(1)
            }
            try CurrentProfile.write(name, paths)
            Output(json: false).print("The current profile is \(name)")
        }
    }

    static func catalog(_ paths: LeoraPaths) -> ProfileCatalog {
        let catalog = ProfileCatalog.load(paths)
        for warning in catalog.warnings { FileHandleWriter.standardError("leora: \(warning)\n") }
        return catalog
    }

    static func validName(_ text: String) throws -> ProfileName {
        do { return try ProfileName(text) } catch { throw ValidationError(error.description) }
    }

    /// A refusal from the catalog as a message and exit 1.
    static func refusing(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let refusal as ProfileCatalog.Refusal {
            Output(json: false).error("\(refusal.description)")
            throw ExitCode(1)
        }
    }
}
