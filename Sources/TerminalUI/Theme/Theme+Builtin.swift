import Synchronization

extension Theme {
    /// Names of the themes shipped with leora (see `Themes/` in the repository).
    public static var builtinNames: [String] { BuiltinThemes.files.map(\.name) }

    /// A shipped theme by name, parsed the first time it is asked for: a start-up parses only the
    /// theme it uses.
    public static func builtin(named name: String) -> Theme? {
        parsedBuiltins.withLock { parsed in
            if let theme = parsed[name] { return theme }
            guard let file = BuiltinThemes.files.first(where: { $0.name == name }),
                let theme = try? Theme.parse(yaml: file.yaml, source: "built-in theme \(file.name)")
            else { return nil }
            parsed[name] = theme
            return theme
        }
    }

    /// The name of the theme used when none is asked for.
    public static let defaultName = "default"

    /// The dark default theme.
    public static var `default`: Theme { builtin(named: defaultName) ?? terminalColors(name: defaultName) }

    /// No colours, attributes only: used for `NO_COLOR`.
    public static var monochrome: Theme { builtin(named: "monochrome") ?? terminalColors(name: "monochrome") }

    /// Every role in the terminal's own colours, without attributes: the last resort.
    static func terminalColors(name: String) -> Theme {
        let plain = ThemeColor(color: .terminalDefault, fallback: .terminalDefault)
        return Theme(name: name, colors: Dictionary(uniqueKeysWithValues: ColorRole.allCases.map { ($0, plain) }))
    }

    /// The built-in themes parsed so far, by name. `BuiltinThemeTests` guarantees every embedded theme parses.
    private static let parsedBuiltins = Mutex<[String: Theme]>([:])
}
