import Foundation
import TerminalUI
import Testing

@testable import LeoraApp

/// `config.yaml` and the keys it rebinds.
@Suite struct ConfigTests {
    func withConfig(_ text: String?, _ body: ([String: String]) throws -> Void) throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("leora-config-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let environment = ["XDG_CONFIG_HOME": home.path, "HOME": home.path]
        if let text {
            let file = LeoraConfig.file(environment: environment)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        try body(environment)
    }

    @Test func aFullFileIsRead() throws {
        try withConfig(
            """
            server: https://portal.example.com
            theme: solarized-dark
            mouse: true
            keys:
              global.refresh: F5
              orders.cancel: [X, Del]
            """
        ) { environment in
            let (config, warning) = LeoraConfig.load(environment: environment)
            #expect(warning == nil)
            #expect(config == LeoraConfig(server: "https://portal.example.com", theme: "solarized-dark", mouse: true, keys: ["global.refresh": ["F5"], "orders.cancel": ["X", "Del"]]))
        }
    }

    @Test func noFileOrAnEmptyOneMeansTheDefaults() throws {
        try withConfig(nil) { #expect(LeoraConfig.load(environment: $0) == (LeoraConfig(), nil)) }
        try withConfig("\n# nothing yet\n") { #expect(LeoraConfig.load(environment: $0) == (LeoraConfig(), nil)) }
    }

    @Test func aBrokenFileIsNamedAndIgnored() throws {
        try withConfig("mouse: maybe\n") { environment in
            let (config, warning) = LeoraConfig.load(environment: environment)
            #expect(config == LeoraConfig())
            #expect(warning?.contains("config.yaml was ignored: mouse:") == true)
        }
        try withConfig("server: [unclosed\n") { environment in
            #expect(LeoraConfig.load(environment: environment).warning?.contains("config.yaml was ignored") == true)
        }
    }

    @Test func keyNamesAreRead() {
        #expect(KeyName.parse("x") == .character("x"))
        #expect(KeyName.parse("X") == .character("X"))
        #expect(KeyName.parse("F5") == .function(5))
        #expect(KeyName.parse("Ctrl-R") == .control("r"))
        #expect(KeyName.parse("C-r") == .control("r"))
        #expect(KeyName.parse("space") == .character(" "))
        #expect(KeyName.parse("PgDn") == .pageDown)
        #expect(KeyName.parse("Shift-Tab") == .backTab)
        #expect(KeyName.parse("F13") == nil)
        #expect(KeyName.parse("Hyper-Q") == nil)
    }

    @Test func everyBindingHasItsOwnId() {
        for tab in AppTab.allCases {
            let ids = AppKeymap.active(tab).bindings.map(\.id)
            #expect(Set(ids).count == ids.count, "\(tab): \(ids)")
        }
        #expect(AppKeymap.all.bindings.map(\.id).contains("orders.cancel"))
        #expect(AppKeymap.all.bindings.map(\.id).contains("global.refresh"))
    }

    @Test func reboundKeysDispatchAndShowEverywhere() {
        let (overrides, problems) = KeyOverrides.parse(
            ["global.refresh": ["F5"], "orders.cancel": ["X"], "orders.nonsense": ["y"], "global.quit": ["Hyper-Q"]],
            known: Set(AppKeymap.all.bindings.map(\.id)))
        #expect(problems == ["“Hyper-Q” for global.quit is not a key name", "no key binding “orders.nonsense”"])
        var app = Fixtures.mainState(tab: .orders)
        app.keyOverrides = overrides
        let dependencies = Fixtures.dependencies()
        #expect(AppReducer.sending(into: &app, .key(.function(5)), dependencies).runIDs == [AppReducer.refreshEffect])
        #expect(AppReducer.sending(into: &app, .key(.character("R")), dependencies).isNone, "the old key is free again")
        #expect(AppKeymap.active(.orders, overrides).action(for: .character("X"), permissions: app.permissions) == .orders(.requestCancel))
        #expect(AppKeymap.active(.orders, overrides).action(for: .character("c"), permissions: app.permissions) == nil)
        let footer = Fixtures.render(app)[22]
        #expect(footer.hasSuffix("F5 refresh  ? help  q quit"))
        app.showsHelp = true
        #expect(screenContains(Fixtures.render(app, height: 40), "X           Cancel a pending order (asks first)"))
    }
}
