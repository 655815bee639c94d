import Foundation
import Testing

/// `leora` alone opens the terminal UI; without a terminal that is a usage error that says so.
@Suite struct NoTerminalTests {
    @Test func leoraAloneWithoutATerminalSaysItNeedsOneAndExits64() async throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("leora-no-tty-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let result = try await LeoraCommand(server: "http://127.0.0.1:9", stateDirectory: state).run([])
        #expect(result.status == 64)
        #expect(result.stderr.contains("needs a terminal"), "\(result.stderr)")
        #expect(result.stdout.isEmpty, "no help on standard output: \(result.stdout)")
    }
}
