import Foundation
import Testing

/// The dependencies point down (issue 11): screens, keymaps, the router and their tests know input
/// as TerminalUI's `Key` and `MouseEvent`, and only the runtime (Sources/LeoraApp/Runtime) talks to
/// the ncurses backend; TerminalUI parses the theme files the app read and opens no file itself.
@Suite struct DependencyDirectionTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The Swift files under `folder` (relative to the repository), with their text.
    static func swiftFiles(under folder: String) throws -> [(path: String, text: String)] {
        let root = repository.appendingPathComponent(folder)
        let paths = try FileManager.default.subpathsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".swift") }
        return try paths.sorted().map { ("\(folder)/\($0)", try String(contentsOf: root.appendingPathComponent($0), encoding: .utf8)) }
    }

    static func imports(_ module: String, _ text: String) -> Bool {
        text.split(separator: "\n").contains { line in
            line.split(separator: " ").last == Substring(module) && line.split(separator: " ").contains("import")
        }
    }

    @Test func onlyTheRuntimeImportsTheBackend() throws {
        let files = try Self.swiftFiles(under: "Sources/LeoraApp") + Self.swiftFiles(under: "Tests/LeoraAppTests")
        #expect(files.count > 50)
        let importing = files.filter { Self.imports("NcursesBackend", $0.text) }.map(\.path)
        #expect(importing == [
            "Sources/LeoraApp/Runtime/LeoraApp.swift", "Sources/LeoraApp/Runtime/PreparedMotion.swift", "Sources/LeoraApp/Runtime/Runtime.swift",
            "Sources/LeoraApp/Runtime/TestCrash.swift",
        ])
    }

    @Test func terminalUIReadsNoFiles() throws {
        let files = try Self.swiftFiles(under: "Sources/TerminalUI")
        #expect(files.count > 20)
        for file in files {
            for call in ["FileManager", "contentsOf:", "contentsOfFile:", "FileHandle", "fopen("] {
                #expect(!file.text.contains(call), "\(file.path) reads files (\(call)): the app reads them and hands TerminalUI their text")
            }
        }
    }
}
