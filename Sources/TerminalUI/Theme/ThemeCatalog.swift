import Foundation

/// Where themes come from: `NAME.yaml` files in a list of directories (first match wins), then the
/// built-in themes. ``standard(environment:)`` searches `$XDG_CONFIG_HOME/leora/themes/` (or
/// `~/.config/leora/themes/`), so a user's file can also replace a built-in theme.
public struct ThemeCatalog: Sendable, Hashable {
    public var directories: [URL]

    public init(directories: [URL]) {
        self.directories = directories
    }

    /// The user's theme directory, then the built-ins.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> ThemeCatalog {
        ThemeCatalog(directories: userThemesDirectory(environment: environment).map { [$0] } ?? [])
    }

    /// `$XDG_CONFIG_HOME/leora/themes`, or `$HOME/.config/leora/themes` (nil without either).
    public static func userThemesDirectory(environment: [String: String]) -> URL? {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            return URL(fileURLWithPath: config).appendingPathComponent("leora/themes", isDirectory: true)
        }
        if let home = environment["HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home).appendingPathComponent(".config/leora/themes", isDirectory: true)
        }
        return nil
    }

    /// Every theme name available: built-ins and `*.yaml` files in the directories, sorted, once each.
    public func availableNames() -> [String] {
        var names = Set(Theme.builtinNames)
        for directory in directories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for file in files where file.hasSuffix(".yaml") {
                names.insert(String(file.dropLast(".yaml".count)))
            }
        }
        return names.sorted()
    }

    /// The theme called `name`: a file `name.yaml` in the first directory that has one, else the
    /// built-in of that name. A name containing `/` is read as a path to a theme file.
    public func theme(named name: String) throws(ThemeError) -> Theme {
        if name.contains("/") {
            return try Theme.load(from: URL(fileURLWithPath: name))
        }
        for directory in directories {
            let file = directory.appendingPathComponent("\(name).yaml")
            if FileManager.default.fileExists(atPath: file.path) {
                return try Theme.load(from: file)
            }
        }
        if let builtin = Theme.builtin(named: name) { return builtin }
        throw ThemeError(source: name, problem: "no such theme (available: \(availableNames().joined(separator: ", ")))")
    }

    /// The theme to use: monochrome when `NO_COLOR` is set and not empty; otherwise `requested`
    /// (`--theme`, `:theme`, config), or `default` when nil. When the theme cannot be loaded the
    /// selection is the default theme, with the reason in `warning`.
    public func select(_ requested: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> ThemeSelection {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty {
            return ThemeSelection(theme: .monochrome, warning: nil)
        }
        let name = requested ?? "default"
        do {
            return ThemeSelection(theme: try theme(named: name), warning: nil)
        } catch {
            return ThemeSelection(theme: .default, warning: "\(error.description) — using the default theme")
        }
    }
}

/// A chosen theme, and why it is not the one asked for (if it is not).
public struct ThemeSelection: Sendable, Hashable {
    public var theme: Theme
    /// A message for the user when the requested theme could not be used.
    public var warning: String?

    public init(theme: Theme, warning: String?) {
        self.theme = theme
        self.warning = warning
    }
}
