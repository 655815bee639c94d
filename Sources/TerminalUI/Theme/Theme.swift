import Yams

/// Colours and attributes for every ``ColorRole``, parsed from a theme file's YAML (the app reads
/// the file; see ``ThemeCatalog``):
///
/// ```yaml
/// name: default
/// description: Dark background, 256 colours.
/// roles:
///   background: { color: 235, fallback: black }
///   accent: { color: 75, fallback: bright-blue, attributes: [bold] }
///   selection: { color: default, fallback: default, attributes: [reverse] }
/// ```
///
/// `color` is a 256-colour index (0–255) or `default` (the terminal's own colour); `fallback` is
/// the colour on 16-colour terminals: 0–15, an ANSI name (`black`, `red`, … `white`, `bright-black`,
/// … `bright-white`) or `default`; `attributes` (optional) lists `bold`, `dim`, `underline`,
/// `reverse`, `italic`. Every role must be present; unknown keys are errors, so typos are caught.
public struct Theme: Sendable, Hashable {
    public var name: String
    public var description: String
    /// One entry per role (guaranteed by parsing).
    public var colors: [ColorRole: ThemeColor]

    public init(name: String, description: String = "", colors: [ColorRole: ThemeColor]) {
        self.name = name
        self.description = description
        self.colors = colors
    }

    /// The entry for `role`; the terminal's default colours for a theme built by hand without it.
    public subscript(role: ColorRole) -> ThemeColor {
        colors[role] ?? ThemeColor(color: .terminalDefault, fallback: .terminalDefault)
    }

    /// Parses a theme from YAML text; `source` names it in errors.
    public static func parse(yaml: String, source: String = "theme") throws(ThemeError) -> Theme {
        func fail(_ problem: String, at node: Node? = nil) -> ThemeError {
            if let line = node?.mark?.line { return ThemeError(source: source, problem: "line \(line): \(problem)") }
            return ThemeError(source: source, problem: problem)
        }
        let root: Node?
        do {
            // Every value is read as text (`parseIndex` reads numbers itself), so no tag needs resolving:
            // the basic resolver spares a start-up the default one's regular expressions (ICU).
            root = try Yams.compose(yaml: yaml, .basic)
        } catch let error as YamlError {
            throw ThemeError(source: source, problem: "not valid YAML: \(Theme.firstLine(of: error.description))")
        } catch {
            throw ThemeError(source: source, problem: "not valid YAML: \(error)")
        }
        guard let root, let top = root.mapping else {
            throw fail("expected a mapping with 'name', 'description' and 'roles'", at: root)
        }
        var name: String?
        var description = ""
        var rolesNode: Node?
        var rolesKey: Node?
        for (key, value) in top {
            switch key.string {
            case "name":
                guard let text = value.scalar?.string, !text.isEmpty else { throw fail("'name' must be a non-empty string", at: value) }
                name = text
            case "description":
                guard let text = value.scalar?.string else { throw fail("'description' must be a string", at: value) }
                description = text
            case "roles":
                rolesNode = value
                rolesKey = key
            default:
                throw fail("unknown key '\(key.string ?? "?")' (expected name, description, roles)", at: key)
            }
        }
        guard let name else { throw fail("missing 'name'") }
        guard let rolesNode else { throw fail("missing 'roles'") }
        guard let roles = rolesNode.mapping else { throw fail("'roles' must be a mapping of role names to colours", at: rolesNode) }
        var colors: [ColorRole: ThemeColor] = [:]
        for (key, value) in roles {
            guard let roleName = key.string, let role = ColorRole(rawValue: roleName) else {
                throw fail("unknown role '\(key.string ?? "?")' (known roles: \(ColorRole.allCases.map(\.rawValue).joined(separator: ", ")))", at: key)
            }
            colors[role] = try parseColor(value, role: roleName, fail: fail)
        }
        let missing = ColorRole.allCases.filter { colors[$0] == nil }.map(\.rawValue)
        if !missing.isEmpty {
            throw fail("missing role\(missing.count == 1 ? "" : "s"): \(missing.joined(separator: ", "))", at: rolesKey)
        }
        return Theme(name: name, description: description, colors: colors)
    }

    private static func parseColor(_ node: Node, role: String, fail: (String, Node?) -> ThemeError) throws(ThemeError) -> ThemeColor {
        guard let entry = node.mapping else {
            throw fail("role '\(role)': expected { color: 0–255, fallback: ANSI name or 0–15, attributes: [...] }", node)
        }
        var color: TerminalColor?
        var fallback: TerminalColor?
        var attributes: TextAttributes = []
        for (key, value) in entry {
            switch key.string {
            case "color":
                guard let parsed = parseIndex(value, limit: 255, names: false) else {
                    throw fail("role '\(role)': color '\(value.string ?? "?")' is not a 256-colour index (0–255) or 'default'", value)
                }
                color = parsed
            case "fallback":
                guard let parsed = parseIndex(value, limit: 15, names: true) else {
                    throw fail("role '\(role)': fallback '\(value.string ?? "?")' is not a 16-colour index (0–15), an ANSI colour name (\(ansiNames.joined(separator: ", "))) or 'default'", value)
                }
                fallback = parsed
            case "attributes":
                guard let list = value.sequence else { throw fail("role '\(role)': attributes must be a list, e.g. [bold]", value) }
                for item in list {
                    guard let attribute = TextAttributes.names.first(where: { $0.name == item.string })?.attribute else {
                        throw fail("role '\(role)': unknown attribute '\(item.string ?? "?")' (known: \(TextAttributes.names.map(\.name).joined(separator: ", ")))", item)
                    }
                    attributes.insert(attribute)
                }
            default:
                throw fail("role '\(role)': unknown key '\(key.string ?? "?")' (expected color, fallback, attributes)", key)
            }
        }
        guard let color else { throw fail("role '\(role)': missing 'color'", node) }
        guard let fallback else { throw fail("role '\(role)': missing 'fallback'", node) }
        return ThemeColor(color: color, fallback: fallback, attributes: attributes)
    }

    /// ANSI colour names for 0–15, as accepted in `fallback`.
    static let ansiNames = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
    ]

    private static func parseIndex(_ node: Node, limit: Int, names: Bool) -> TerminalColor? {
        guard let text = node.scalar?.string else { return nil }
        if text == "default" { return .terminalDefault }
        if let number = Int(text), number >= 0, number <= limit { return .index(UInt8(number)) }
        if names, let index = ansiNames.firstIndex(of: text) { return .index(UInt8(index)) }
        return nil
    }

    private static func firstLine(of text: String) -> String {
        text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? text
    }
}
