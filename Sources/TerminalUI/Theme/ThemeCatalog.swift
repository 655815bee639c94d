/// The themes there are: theme files the app has read (`ThemeFile`), then the built-in themes. A
/// file wins over a later file and over a built-in of the same name, so a user's file can replace a
/// built-in theme. The catalog parses; it reads no files (the app reads them and hands over their text).
public struct ThemeCatalog: Sendable, Hashable {
    /// In the order they take precedence.
    public var files: [ThemeFile]
    /// The names of theme files the app listed but did not read (none of them is the one asked for).
    public var unreadNames: [String]

    public init(files: [ThemeFile] = [], unreadNames: [String] = []) {
        self.files = files
        self.unreadNames = unreadNames
    }

    /// Every theme name available: built-ins, the files' names (not those of files given by
    /// path) and the unread files' names, sorted, once each.
    public func availableNames() -> [String] {
        Set(Theme.builtinNames).union(files.map(\.name).filter { !$0.contains("/") }).union(unreadNames).sorted()
    }

    /// The theme called `name`: the first file of that name, else the built-in of that name.
    public func theme(named name: String) throws(ThemeError) -> Theme {
        if let file = files.first(where: { $0.name == name }) {
            return try Theme.parse(yaml: try file.contents.get(), source: file.source)
        }
        if let builtin = Theme.builtin(named: name) { return builtin }
        throw ThemeError(source: name, problem: "no such theme (available: \(availableNames().joined(separator: ", ")))")
    }

    /// The theme to use: monochrome when `NO_COLOR` is set and not empty; otherwise `requested`
    /// (`--theme`, `:theme`, config), or `default` when nil. When the theme cannot be loaded the
    /// selection is the default theme, with the reason in `warning`.
    public func select(_ requested: String?, environment: [String: String]) -> ThemeSelection {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty {
            return ThemeSelection(theme: .monochrome, warning: nil)
        }
        let name = requested ?? Theme.defaultName
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
