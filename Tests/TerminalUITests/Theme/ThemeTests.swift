import Foundation
import Testing
@testable import TerminalUI

/// The repository's `Themes/` directory.
let repositoryThemes = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Themes", isDirectory: true)

private func completeYAML(replacing role: String? = nil, with line: String? = nil, name: String = "ocean") -> String {
    var lines = ["name: \(name)", "description: Test theme.", "roles:"]
    for (index, each) in ColorRole.allCases.enumerated() {
        if each.rawValue == role {
            if let line { lines.append("  \(line)") }
        } else {
            lines.append("  \(each.rawValue): { color: \(16 + index), fallback: \(index % 16) }")
        }
    }
    return lines.joined(separator: "\n") + "\n"
}

@Suite struct ThemeParsingTests {
    @Test func parsesColoursFallbacksAndAttributes() throws {
        let yaml = completeYAML(replacing: "accent", with: "accent: { color: 75, fallback: bright-blue, attributes: [bold, underline] }")
        let theme = try Theme.parse(yaml: yaml)
        #expect(theme.name == "ocean")
        #expect(theme.description == "Test theme.")
        #expect(theme[.accent] == ThemeColor(color: .index(75), fallback: .index(12), attributes: [.bold, .underline]))
        #expect(theme[.background] == ThemeColor(color: .index(16), fallback: .index(0)))
        #expect(theme.colors.count == ColorRole.allCases.count)
    }

    @Test func resolvesStylesAtEachDepth() throws {
        let yaml = completeYAML(replacing: "selection", with: "selection: { color: 24, fallback: blue, attributes: [reverse] }")
        let theme = try Theme.parse(yaml: yaml)
        let style = Style(foreground: .role(.text), background: .role(.selection), attributes: .bold)
        #expect(theme.resolve(style, depth: .extended) == ResolvedStyle(foreground: .index(18), background: .index(24), attributes: [.bold, .reverse]))
        #expect(theme.resolve(style, depth: .sixteen) == ResolvedStyle(foreground: .index(2), background: .index(4), attributes: [.bold, .reverse]))
        #expect(theme.resolve(style, depth: .monochrome) == ResolvedStyle(foreground: .terminalDefault, background: .terminalDefault, attributes: [.bold, .reverse]))
        #expect(theme.resolve(.plain, depth: .extended) == ResolvedStyle(foreground: .index(18), background: .index(16), attributes: []))
        #expect(theme.resolve(Style(foreground: .indexed(196)), depth: .sixteen).foreground == .index(9))
        #expect(ColorDepth(colors: 256) == .extended)
        #expect(ColorDepth(colors: 8) == .eight)
        #expect(ColorDepth(colors: 16) == .sixteen)
        #expect(ColorDepth(colors: 0) == .monochrome)
    }

    @Test(arguments: [
        (completeYAML(replacing: "accent", with: "accent: { color: 300, fallback: blue }"),
         "line 8: role 'accent': color '300' is not a 256-colour index (0–255) or 'default'"),
        (completeYAML(replacing: "danger"), "line 3: missing role: danger"),
        (completeYAML(replacing: "muted", with: "mutted: { color: 1, fallback: red }"), "line 7: unknown role 'mutted'"),
        (completeYAML(replacing: "text", with: "text: { color: 1, fallback: purple }"), "line 6: role 'text': fallback 'purple' is not a 16-colour index"),
        (completeYAML(replacing: "text", with: "text: { color: 1, fallback: red, attributes: [blink] }"), "line 6: role 'text': unknown attribute 'blink'"),
        (completeYAML(replacing: "text", with: "text: { color: 1 }"), "line 6: role 'text': missing 'fallback'"),
        ("name: x\nroles: [1, 2\n", "not valid YAML"),
        ("- just\n- a list\n", "expected a mapping"),
        ("name: x\ndescription: y\n", "missing 'roles'"),
        ("name: x\ncolours: {}\nroles: {}\n", "line 2: unknown key 'colours'"),
    ])
    func brokenThemesSayWhatIsWrong(yaml: String, problem: String) {
        #expect {
            try Theme.parse(yaml: yaml, source: "ocean.yaml")
        } throws: { error in
            let message = "\(error)"
            return message.hasPrefix("ocean.yaml: ") && message.contains(problem)
        }
    }
}

/// The catalog parses the files the app read, by name before the built-ins; it reads no file.
@Suite struct ThemeCatalogTests {
    private func file(_ name: String, _ yaml: String) -> ThemeFile {
        ThemeFile(name: name, source: "/themes/\(name).yaml", contents: .success(yaml))
    }

    @Test func noColorMeansMonochrome() {
        let selection = ThemeCatalog().select("solarized-dark", environment: ["NO_COLOR": "1"])
        #expect(selection.theme.name == "monochrome")
        #expect(selection.warning == nil)
        #expect(ThemeCatalog().select(nil, environment: ["NO_COLOR": ""]).theme.name == "default")
    }

    @Test func filesOverrideAndExtendTheBuiltIns() throws {
        let catalog = ThemeCatalog(files: [
            file("ocean", completeYAML(name: "ocean")), file("light", completeYAML(name: "my-light")), file("ocean", completeYAML(name: "later-ocean")),
            ThemeFile(name: "/elsewhere/given-by-path.yaml", source: "/elsewhere/given-by-path.yaml", contents: .success(completeYAML(name: "by-path"))),
        ])
        #expect(catalog.availableNames() == ["default", "high-contrast", "light", "monochrome", "ocean", "solarized-dark"])
        #expect(try catalog.theme(named: "ocean").name == "ocean")
        #expect(try catalog.theme(named: "light").name == "my-light")
        #expect(try catalog.theme(named: "solarized-dark").name == "solarized-dark")
        #expect(try catalog.theme(named: "/elsewhere/given-by-path.yaml").name == "by-path")
    }

    @Test func errorsNameTheFile() {
        let broken = completeYAML(replacing: "warning", with: "warning: { color: orange, fallback: yellow }")
        #expect(throws: ThemeError(source: "/themes/ocean.yaml", problem: "line 14: role 'warning': color 'orange' is not a 256-colour index (0–255) or 'default'")) {
            try ThemeCatalog(files: [file("ocean", broken)]).theme(named: "ocean")
        }
        let unreadable = ThemeError(source: "/themes/nope.yaml", problem: "cannot be read (no such file)")
        #expect(throws: unreadable) {
            try ThemeCatalog(files: [ThemeFile(name: "nope", source: "/themes/nope.yaml", contents: .failure(unreadable))]).theme(named: "nope")
        }
    }

    @Test func aBrokenThemeFallsBackToTheDefaultWithAMessage() throws {
        let catalog = ThemeCatalog(files: [file("ocean", "name: ocean\nroles: {\n")])
        let selection = catalog.select("ocean", environment: [:])
        #expect(selection.theme == Theme.default)
        let warning = try #require(selection.warning)
        #expect(warning.hasPrefix("/themes/ocean.yaml: not valid YAML"))
        #expect(warning.hasSuffix("— using the default theme"))

        let unknown = catalog.select("neon", environment: [:])
        #expect(unknown.theme.name == "default")
        #expect(unknown.warning == "neon: no such theme (available: default, high-contrast, light, monochrome, ocean, solarized-dark) — using the default theme")
    }
}
