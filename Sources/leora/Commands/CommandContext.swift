import ArgumentParser
import Foundation
import LeoraKit
import PortalAPI

/// What a command works with: the client, the session, and how to print.
struct CommandContext {
    let session: SessionStore
    let output: Output

    var client: PortalClient { session.client }

    /// Builds the context for `global`, restores the saved session, runs `body`, and turns failures into
    /// a message on standard error and the exit code (3 when not logged in, otherwise 1).
    static func run(_ global: GlobalOptions, requireLogin: Bool = true, _ body: (CommandContext) async throws -> Void) async throws {
        let server = try global.serverURL()
        let client = PortalClient(server: server, transport: LoggingTransport(CurlTransport()))
        let session = SessionStore(client: client, file: SessionFile.forServer(server))
        let restored = await session.restore()
        let output = Output(json: global.json)
        if requireLogin, case .loggedOut(let reason) = restored {
            output.error(reason.map { "\($0)" } ?? "Not logged in to \(server.absoluteString); run `leora login`")
            throw ExitCode(3)
        }
        do {
            try await body(CommandContext(session: session, output: output))
        } catch let error as PortalError {
            output.error("\(error.description)\(Self.shortageLines(error))")
            if case .notLoggedIn = error { throw ExitCode(3) }
            throw ExitCode(1)
        } catch let error as CommandFailure {
            output.error("\(error.message)")
            throw ExitCode(1)
        }
    }

    /// Runs an authenticated call with refresh-and-retry.
    func call<T: Sendable>(_ operation: @Sendable (PortalClient) async throws -> T) async throws -> T {
        try await session.perform(operation)
    }

    /// The value of a conditional GET made without an ETag (always modified).
    func fetch<T: Sendable>(_ operation: @Sendable (PortalClient) async throws -> Fetched<T>) async throws -> T {
        guard let value = try await call(operation).value else { throw CommandFailure("The server answered 304 to an unconditional request") }
        return value
    }

    private static func shortageLines(_ error: PortalError) -> TerminalText {
        error.stockShortages.map { "\n  \($0.productId): requested \($0.requested), available \($0.available)" as TerminalText }
            .joined(separator: "")
    }
}

/// A failure the command explains itself.
struct CommandFailure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
