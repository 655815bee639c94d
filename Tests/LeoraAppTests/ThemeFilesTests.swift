import Foundation
import TerminalUI
import Testing

@testable import LeoraApp

/// The app reads the theme files; TerminalUI's catalog parses them.
@Suite struct ThemeFilesTests {
    /// A theme defining every role, called `name`.
    static func themeYAML(name: String) -> String {
        let roles = ColorRole.allCases.enumerated().map { index, role in "  \(role.rawValue): { color: \(16 + index), fallback: \(index % 16) }" }
        return (["name: \(name)", "description: Test theme.", "roles:"] + roles).joined(separator: "\n") + "\n"
    }

    func withDirectory(_ body: (URL) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leora-themes-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(directory)
    }

    @Test func theUsersDirectoryIsBesideConfigYAML() {
        #expect(ThemeFiles.standard(environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/home/rep"]).directories.map(\.path) == ["/cfg/leora/themes"])
        #expect(ThemeFiles.standard(environment: ["HOME": "/home/rep"]).directories.map(\.path) == ["/home/rep/.config/leora/themes"])
    }

    @Test func everyYAMLFileIsReadTheFirstDirectoryWinning() throws {
        try withDirectory { first in
            try withDirectory { second in
                try Self.themeYAML(name: "ocean").write(to: first.appendingPathComponent("ocean.yaml"), atomically: true, encoding: .utf8)
                try Self.themeYAML(name: "my-light").write(to: second.appendingPathComponent("light.yaml"), atomically: true, encoding: .utf8)
                try Self.themeYAML(name: "second-ocean").write(to: second.appendingPathComponent("ocean.yaml"), atomically: true, encoding: .utf8)
                try "not a theme".write(to: first.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
                let catalog = ThemeFiles(directories: [first, second, first.appendingPathComponent("missing")]).catalog()
                #expect(catalog.files.map(\.name) == ["ocean", "light", "ocean"])
                #expect(catalog.availableNames() == ["default", "high-contrast", "light", "monochrome", "ocean", "solarized-dark"])
                #expect(try catalog.theme(named: "ocean").name == "ocean")
                #expect(try catalog.theme(named: "light").name == "my-light")
            }
        }
    }

    @Test func aThemeGivenByPathIsReadAndNotListed() throws {
        try withDirectory { directory in
            let file = directory.appendingPathComponent("mine.yaml")
            try Self.themeYAML(name: "mine").write(to: file, atomically: true, encoding: .utf8)
            let catalog = ThemeFiles(directories: []).catalog(reading: file.path)
            #expect(try catalog.theme(named: file.path).name == "mine")
            #expect(!catalog.availableNames().contains(file.path))
            // Only a name with a slash is a path.
            #expect(ThemeFiles(directories: []).catalog(reading: "mine").files.isEmpty)
        }
    }

    @Test func aFileThatCannotBeReadIsNamedInTheWarning() throws {
        try withDirectory { directory in
            let missing = directory.appendingPathComponent("nope.yaml").path
            let selection = ThemeFiles(directories: []).catalog(reading: missing).select(missing, environment: [:])
            #expect(selection.theme == Theme.default)
            #expect(selection.warning == "\(missing): cannot be read (no such file) — using the default theme")
        }
    }
}
