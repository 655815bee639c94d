extension Theme {
    /// Names of the themes shipped with leora (see `Themes/` in the repository).
    public static var builtinNames: [String] { BuiltinThemes.files.map(\.name) }

    /// A shipped theme by name.
    public static func builtin(named name: String) -> Theme? {
        parsedBuiltins.first { $0.name == name }
    }

    /// The dark default theme.
    public static var `default`: Theme { builtin(named: "default") ?? terminalColors(name: "default") }

    /// No colours, attributes only: used for `NO_COLOR`.
    public static var monochrome: Theme { builtin(named: "monochrome") ?? terminalColors(name: "monochrome") }

    /// Every role in the terminal's own colours, without attributes: the last resort.
    static func terminalColors(name: String) -> Theme {
        let plain = ThemeColor(color: .terminalDefault, fallback: .terminalDefault)
        return Theme(name: name, colors: Dictionary(uniqueKeysWithValues: ColorRole.allCases.map { ($0, plain) }))
    }

    /// Parsed once. `BuiltinThemeTests` guarantees every embedded theme parses.
    private static let parsedBuiltins: [Theme] = BuiltinThemes.files.compactMap { file in
        try? Theme.parse(yaml: file.yaml, source: "built-in theme \(file.name)")
    }
}
