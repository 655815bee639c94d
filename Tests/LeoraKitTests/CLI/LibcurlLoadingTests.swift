import Foundation
import Testing

/// `leora` is not linked with libcurl: it opens it at its first request (`leora_curl_global_init_once`),
/// so a start (the terminal UI's first frame, `--help`) never waits for the dozens of libraries it
/// loads. The dynamic loader's own account (`LD_DEBUG=libs`) says what was loaded.
@Suite struct LibcurlLoadingTests {
    private func run(_ arguments: [String], environment: [String: String] = ["LD_DEBUG": "libs"]) async throws -> LeoraCommand.Result {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("leora-libcurl-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        // Port 9 (discard) refuses connections here: a request is made and fails at once.
        var command = LeoraCommand(server: "http://127.0.0.1:9", stateDirectory: state)
        command.environment = environment
        return try await command.run(arguments)
    }

    @Test func aCommandWithoutRequestsNeverLoadsLibcurl() async throws {
        let result = try await run(["--version"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("calling init"), "the loader reported what it loaded: \(result.stderr.suffix(500))")
        #expect(!result.stderr.contains("libcurl"), "\(result.stderr.suffix(2000))")
    }

    @Test func theFirstRequestLoadsItAndIsMade() async throws {
        let result = try await run(["health"])
        #expect(result.stderr.contains("libcurl.so.4"), "\(result.stderr.suffix(2000))")
        #expect(result.stderr.contains("Cannot reach the server"), "the request was made and its failure told: \(result.stderr.suffix(800))")
        #expect(result.status != 0)
    }

    @Test func aLibcurlThatCannotBeOpenedIsAClearErrorNotACrash() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leora-no-libcurl-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // Found first on the loader's path, and not a library.
        try Data("not a library\n".utf8).write(to: directory.appendingPathComponent("libcurl.so.4"))
        let result = try await run(["health"], environment: ["LD_LIBRARY_PATH": directory.path])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("libcurl could not be opened"), "\(result.stderr)")
        #expect(result.stderr.contains("libcurl.so.4"), "the loader's reason is told: \(result.stderr)")
    }
}
