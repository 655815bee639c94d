import Foundation
import PortalTestSupport
import Testing

/// The commands' help, generated from their declarations by swift-argument-parser, compared with
/// the text recorded in Tests/HelpSnapshots at 80 columns (as its own tests snapshot it). A
/// changed help shows as a diff; `LEORA_RECORD_HELP=1 swift test --filter HelpSnapshotTests`
/// records it again.
@Suite struct HelpSnapshotTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("HelpSnapshots")

    struct Case: Sendable, CustomStringConvertible {
        var executable: String
        var arguments: [String]
        var file: String { ([executable] + arguments.dropLast()).joined(separator: "-") + ".txt" }
        var description: String { ([executable] + arguments).joined(separator: " ") }
    }

    static let cases = [
        Case(executable: "leora", arguments: ["--help"]),
        Case(executable: "leora", arguments: ["orders", "--help"]),
        Case(executable: "leora", arguments: ["orders", "list", "--help"]),
        Case(executable: "leora", arguments: ["cart", "--help"]),
        Case(executable: "leora", arguments: ["cart", "add", "--help"]),
        Case(executable: "leora", arguments: ["checkout", "--help"]),
        Case(executable: "leora", arguments: ["login", "--help"]),
        Case(executable: "leora", arguments: ["profiles", "--help"]),
        Case(executable: "leora", arguments: ["profiles", "add", "--help"]),
        Case(executable: "leora-portal", arguments: ["--help"]),
        Case(executable: "leora-portal", arguments: ["serve", "--help"]),
        Case(executable: "leora-portal", arguments: ["jobs", "--help"]),
    ]

    /// The help as a person at an 80-column terminal sees it (read on a thread of its own, off the
    /// cooperative pool other tests' tasks run on).
    static func help(_ command: Case) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(command.executable)
        process.arguments = command.arguments
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = "80"
        environment["LINES"] = "24"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = await onOwnThread {
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return data
        }
        #expect(process.terminationStatus == 0, "\(command)")
        return String(decoding: data, as: UTF8.self)
    }

    @Test(arguments: cases) func theHelpIsAsRecorded(_ command: Case) async throws {
        let help = try await Self.help(command)
        let file = Self.directory.appendingPathComponent(command.file)
        if ProcessInfo.processInfo.environment["LEORA_RECORD_HELP"] == "1" {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try help.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let recorded = try String(contentsOf: file, encoding: .utf8)
        if help != recorded {
            let (old, new) = (recorded.split(separator: "\n", omittingEmptySubsequences: false), help.split(separator: "\n", omittingEmptySubsequences: false))
            let diff = (0..<max(old.count, new.count)).compactMap { index -> String? in
                let before = index < old.count ? String(old[index]) : ""
                let after = index < new.count ? String(new[index]) : ""
                return before == after ? nil : "\(index + 1): - \(before)\n\(index + 1): + \(after)"
            }
            Issue.record("`\(command)` differs from \(command.file):\n\(diff.joined(separator: "\n"))")
        }
        // The usage line is one line whatever the width (swift-argument-parser does not wrap it).
        #expect(help.split(separator: "\n").filter { !$0.hasPrefix("USAGE:") }.allSatisfy { $0.count <= 80 }, "every line fits 80 columns")
    }
}
