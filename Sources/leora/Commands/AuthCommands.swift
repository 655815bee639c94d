import ArgumentParser
import LeoraKit
import PortalAPI

struct Login: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Log in; the session is kept for the next commands.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Your email address (asked for when missing).") var email: String?
    @Flag(help: "Read the password from standard input instead of the terminal.") var passwordStdin = false

    func run() async throws {
        try await CommandContext.run(global, requireLogin: false) { context in
            // The profile's account when none is given.
            let email = try self.email ?? context.profile.email ?? prompt("Email: ")
            let password = passwordStdin ? PasswordPrompt.fromStandardInput() : try PasswordPrompt.fromTerminal(prompt: "Password: ")
            guard !email.isEmpty, !password.isEmpty else { throw CommandFailure("Email and password are required") }
            let session = try await context.session.login(email: email, password: password)
            context.output.show(session.user, "Logged in as \(session.user.name) <\(session.user.email)>\(session.tenant.map { " at \($0.name)" } ?? "")")
        }
    }

    private func prompt(_ text: TerminalText) throws -> String {
        FileHandleWriter.standardError(text)
        guard let line = readLine() else { throw CommandFailure("No email given; use --email") }
        return line
    }
}

struct Logout: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Log out here and in every other running leora.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await CommandContext.run(global, requireLogin: false) { context in
            await context.session.logout()
            context.output.show(EmptyPayload(), "Logged out")
        }
    }
}

struct Whoami: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Who you are logged in as, at which distributor, with which permissions.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await CommandContext.run(global) { context in
            guard let session = try await context.session.pollMe() else { throw PortalError.notLoggedIn(reason: "Not logged in") }
            let me = MePayload(user: session.user, tenant: session.tenant ?? Tenant(id: session.user.tenantId, slug: "", name: "", currency: "", timezone: ""), permissions: session.permissions)
            context.output.show(me, """
                \(session.user.name) <\(session.user.email)>
                Distributor: \(session.tenant?.name ?? session.user.tenantId)
                Roles:       \(session.user.roles.joined(separator: ", "))
                Permissions: \(session.permissions.joined(separator: ", "))
                Server:      \(context.client.server.absoluteString)
                Profile:     \(context.profile.name.rawValue)
                """)
        }
    }
}

import Foundation

enum FileHandleWriter {
    static func standardError(_ text: TerminalText) {
        FileHandle.standardError.write(Data(text.text.utf8))
    }
}
