import Foundation
import Testing
import Synchronization

/// The `leora-portal` executable run as a child process on a free port.
public final class PortalProcess: Sendable {
    public let baseURL: String
    public let listeningLine: String
    private let child: SpawnedChild
    private let captured: CapturedOutput

    /// The binary built next to the test bundle.
    public static var executable: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("leora-portal")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/leora-portal")
    }

    private init(child: SpawnedChild, captured: CapturedOutput, listeningLine: String) {
        self.child = child
        self.captured = captured
        self.listeningLine = listeningLine
        self.baseURL = listeningLine.replacingOccurrences(of: "listening on ", with: "")
    }

    /// Everything the process wrote so far, standard output and error together.
    public func output() -> String { captured.text }

    /// Starts the server (`--port 0`, an in-memory database unless `arguments` name one), runs `body`, stops it.
    public static func with<T>(
        _ arguments: [String], secret: String? = TestServer.secret, environment: [String: String] = [:], _ body: (PortalProcess) async throws -> T
    ) async throws -> T {
        var arguments = arguments
        if !arguments.contains("--database") { arguments += ["--database", ":memory:"] }
        let portal = try await start(["--port", "0"] + arguments, secret: secret, environment: environment)
        defer { portal.stop() }
        return try await body(portal)
    }

    /// Starts the binary with `arguments`; the metrics listener takes a free port unless they name one.
    /// No model unless `environment` names one (`OPENAI_API_KEY`, `OPENAI_BASE_URL`).
    public static func start(_ arguments: [String], secret: String?, environment extra: [String: String] = [:]) async throws -> PortalProcess {
        var environment = ProcessInfo.processInfo.environment
        environment["LEORA_JWT_SECRET"] = secret
        environment["OPENAI_API_KEY"] = nil
        environment.merge(extra) { $1 }
        let child = try SpawnedChild(
            executable: executable.path,
            arguments: arguments.contains("--metrics-address") ? arguments : arguments + ["--metrics-address", "127.0.0.1:0"],
            environment: environment)
        let captured = CapturedOutput()
        let (lines, continuation) = AsyncStream.makeStream(of: String.self)
        // A thread of its own reads until the end of the output, in blocking reads: no dispatch source
        // (`readabilityHandler`), whose cancellation races the handle's close and can leave libdispatch's
        // event loop holding a descriptor number that is reused meanwhile (a crash seen under load).
        Thread.detachNewThread {
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(child.output.fileDescriptor, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                let text = captured.append(Data(chunk[..<count]))
                if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("listening on ") }) {
                    continuation.yield(String(line))
                }
            }
            continuation.finish()
        }
        for await line in lines {
            return PortalProcess(child: child, captured: captured, listeningLine: line)
        }
        _ = child.waitUntilExit()
        throw TestFailure("leora-portal exited before listening: \(captured.text)")
    }

    /// SIGTERM, and SIGKILL if the process has not exited 15 s later: a portal that fails to stop
    /// must fail its own test, never hold a thread of the test process for good.
    public func stop() {
        guard child.isRunning else { return }
        child.signal(SIGTERM)
        let deadline = ContinuousClock.now.advanced(by: .seconds(15))
        while child.isRunning, ContinuousClock.now < deadline { usleep(10_000) }
        if child.isRunning {
            child.signal(SIGKILL)
            Issue.record("leora-portal did not exit within 15 s of SIGTERM; killed")
        }
        _ = child.waitUntilExit()
    }

    /// SIGKILL, as a crash or an operator's `kill -9` would end it, and waits for it to be gone.
    public func kill() {
        child.signal(SIGKILL)
        _ = child.waitUntilExit()
    }

    /// Sends SIGTERM and waits for the process to end; its exit status (a signal's number if it died of one).
    public func terminateAndWait() -> Int32 {
        stop()
        return child.waitUntilExit()
    }

    /// Runs the binary to completion (for argument errors); standard output and error together.
    public static func runToExit(
        _ arguments: [String], environment extra: [String: String] = [:], currentDirectory: URL? = nil
    ) throws -> (status: Int32, output: String) {
        var environment = ProcessInfo.processInfo.environment
        environment["LEORA_JWT_SECRET"] = TestServer.secret
        environment.merge(extra) { $1 }
        let child = try SpawnedChild(executable: executable.path, arguments: arguments, environment: environment, directory: currentDirectory)
        let data = child.output.readDataToEndOfFile()
        return (child.waitUntilExit(), String(decoding: data, as: UTF8.self))
    }
}

/// What a child process wrote, collected from the pipe's handler thread.
public final class CapturedOutput: Sendable {
    private let data = Mutex(Data())

    /// Appends `chunk`; returns everything so far.
    public func append(_ chunk: Data) -> String {
        data.withLock { data in
            data.append(chunk)
            return String(decoding: data, as: UTF8.self)
        }
    }

    public var text: String { data.withLock { String(decoding: $0, as: UTF8.self) } }
}
