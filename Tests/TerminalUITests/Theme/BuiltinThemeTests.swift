import Foundation
import Testing
@testable import TerminalUI

@Suite struct BuiltinThemeTests {
    private func themeFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: repositoryThemes, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }
            .sorted { $0.path < $1.path }
    }

    @Test func everyFileInThemesParsesAndDefinesEveryRole() throws {
        let files = try themeFiles()
        #expect(files.count >= 5)
        for file in files {
            let theme = try Theme.parse(yaml: String(contentsOf: file, encoding: .utf8), source: file.path)
            #expect(theme.name == file.deletingPathExtension().lastPathComponent, "\(file.lastPathComponent)")
            #expect(Set(theme.colors.keys) == Set(ColorRole.allCases), "\(file.lastPathComponent)")
        }
    }

    @Test func requiredThemesExist() {
        #expect(Set(Theme.builtinNames) == ["default", "light", "solarized-dark", "high-contrast", "monochrome"])
    }

    @Test func embeddedCopiesEqualTheFiles() throws {
        let files = try themeFiles()
        #expect(Set(files.map { $0.deletingPathExtension().lastPathComponent }) == Set(Theme.builtinNames))
        for (name, yaml) in BuiltinThemes.files {
            let file = repositoryThemes.appendingPathComponent("\(name).yaml")
            let contents = try String(contentsOf: file, encoding: .utf8)
            #expect(yaml + "\n" == contents, """
                Sources/TerminalUI/Theme/BuiltinThemes.swift is out of date for \(name): paste this between its delimiters:
                \(contents)
                """)
            #expect(Theme.builtin(named: name) != nil, "embedded \(name) does not parse")
        }
    }

    @Test func monochromeUsesNoColours() throws {
        let theme = Theme.monochrome
        for role in ColorRole.allCases {
            #expect(theme[role].color == .terminalDefault && theme[role].fallback == .terminalDefault)
        }
        #expect(theme.resolve(Style(background: .role(.selection)), depth: .extended).attributes.contains(.reverse))
    }
}
