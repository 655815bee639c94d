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

    /// A start-up reads the file of the theme it uses, not every file: the others are only listed (for
    /// `:theme`), so a broken file that is not chosen costs nothing and says nothing.
    @Test func onlyTheRequestedThemesFileIsReadTheOthersAreListed() throws {
        try withDirectory { directory in
            try Self.themeYAML(name: "ocean").write(to: directory.appendingPathComponent("ocean.yaml"), atomically: true, encoding: .utf8)
            try Self.themeYAML(name: "my-default").write(to: directory.appendingPathComponent("default.yaml"), atomically: true, encoding: .utf8)
            // A directory named like a theme file: reading it would fail.
            try FileManager.default.createDirectory(at: directory.appendingPathComponent("broken.yaml"), withIntermediateDirectories: false)
            let themes = ThemeFiles(directories: [directory])

            let ocean = themes.catalog(reading: "ocean")
            #expect(ocean.files.map(\.name) == ["ocean"])
            #expect(ocean.unreadNames == ["broken", "default"])
            #expect(ocean.availableNames() == ["broken", "default", "high-contrast", "light", "monochrome", "ocean", "solarized-dark"])
            #expect(ocean.select("ocean", environment: [:]) == ThemeSelection(theme: try ocean.theme(named: "ocean"), warning: nil))

            let standard = themes.catalog(reading: nil)
            #expect(standard.files.map(\.name) == ["default"], "nothing asked for: the default theme's file alone")
            #expect(standard.select(nil, environment: [:]).theme.name == "my-default")

            let broken = themes.catalog(reading: "broken").select("broken", environment: [:])
            #expect(broken.theme == Theme.default)
            #expect(broken.warning?.hasPrefix(directory.appendingPathComponent("broken.yaml").path + ": cannot be read") == true, "\(broken.warning ?? "")")
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
