import Foundation
import PortalTestSupport

/// Runs the `leora` executable with its own state directory, as a script would.
struct LeoraCommand {
    let server: String
    let stateDirectory: URL
    /// Set (or, with an empty value, removed) on top of the test's environment.
    var environment: [String: String] = [:]

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("leora")
    }

    func run(_ arguments: [String], input: String? = nil, serverFlag: Bool = true) async throws -> Result {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = serverFlag ? ["--server", server] + arguments : arguments
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_STATE_HOME"] = stateDirectory.path
        environment["XDG_CONFIG_HOME"] = stateDirectory.appendingPathComponent("config").path
        environment["LEORA_SERVER"] = nil
        environment["LEORA_PROFILE"] = nil
        environment["XDG_CACHE_HOME"] = stateDirectory.appendingPathComponent("cache").path
        for (name, value) in self.environment { environment[name] = value.isEmpty ? nil : value }
        process.environment = environment
        let stdout = Pipe()
        let stderr = Pipe()
        let stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        // Off the cooperative pool: the command talks to a server in this process.
        async let out = onOwnThread { stdout.fileHandleForReading.readDataToEndOfFile() }
        async let err = onOwnThread { stderr.fileHandleForReading.readDataToEndOfFile() }
        let (outData, errData) = await (out, err)
        await onOwnThread { process.waitUntilExit() }
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    func login(_ email: String = "rep@northwind.test") async throws -> Result {
        try await run(["login", "--email", email, "--password-stdin"], input: "leora-demo\n")
    }
}
