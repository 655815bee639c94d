import ArgumentParser
import Foundation
import LeoraKit
import PortalAPI

/// What a command works with: the client, the session, and how to print.
struct CommandContext {
    let session: SessionStore
    let output: Output
    /// The tenant's time zone: times are shown as the rep's colleagues see them (UTC before login).
    let timeZone: TimeZone
    /// The profile the command works in.
    let profile: ResolvedProfile
    /// How reads are retried after 429, 5xx and transport failures (honouring `Retry-After`).
    var retry = QueryRetryPolicy.standard

    var client: PortalClient { session.client }

    /// Builds the context for `global`, restores the saved session, runs `body`, and turns failures into
    /// a message on standard error and the exit code (3 when not logged in, 64 when the portal refused a
    /// value the user gave, otherwise 1).
    static func run(_ global: GlobalOptions, requireLogin: Bool = true, _ body: (CommandContext) async throws -> Void) async throws {
        let profile = try global.resolveProfile()
        let server = profile.server
        let client = PortalClient(server: server, transport: LoggingTransport(CurlTransport()))
        let session = SessionStore(client: client, file: profile.paths.sessionFile, cacheDirectory: profile.paths.cache)
        let restored = await session.restore()
        let output = Output(json: global.json)
        if requireLogin, case .loggedOut(let reason) = restored {
            let login = profile.name == .standard ? "leora login" : "leora --profile \(profile.name) login"
            output.error(reason.map { "\($0)" } ?? "Not logged in to \(server.absoluteString) (profile \(profile.name)); run `\(login)`")
            throw ExitCode(3)
        }
        let zone = restored.session?.tenant.flatMap { TimeZone(identifier: $0.timezone) } ?? TimeZone(identifier: "UTC")!
        do {
            try await body(CommandContext(session: session, output: output, timeZone: zone, profile: profile))
        } catch let error as PortalError {
            output.error("\(error.description)\(Self.shortageLines(error))")
            if case .notLoggedIn = error { throw ExitCode(3) }
            if error.code == ErrorCode.validationError.rawValue { throw ExitCode.validationFailure }
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

    /// The value of a conditional GET made without an ETag (always modified), retried like the query
    /// client retries a read.
    func fetch<T: Sendable>(_ operation: @Sendable (PortalClient) async throws -> Fetched<T>) async throws -> T {
        guard let value = try await retrying({ try await call(operation) }).value else {
            throw CommandFailure("The server answered 304 to an unconditional request")
        }
        return value
    }

    /// A write that means the same however often it arrives (an absolute quantity, a removal, a
    /// customer choice), retried like a read. Writes that add (`POST` without a key) are never retried.
    func idempotentCall<T: Sendable>(_ operation: @Sendable (PortalClient) async throws -> T) async throws -> T {
        try await retrying { try await call(operation) }
    }

    private func retrying<T: Sendable>(_ attempt: () async throws -> T) async throws -> T {
        var failures = 0
        while true {
            do {
                return try await attempt()
            } catch let error as PortalError {
                failures += 1
                guard retry.shouldRetry(after: error, failureCount: failures) else { throw error }
                try await Task.sleep(for: retry.delay(retryIndex: failures - 1, retryAfter: error.retryAfter))
            }
        }
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
