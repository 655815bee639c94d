/// A theme file as the app read it, for a `ThemeCatalog` to parse.
public struct ThemeFile: Sendable, Hashable {
    /// The theme's name: the file's name without `.yaml`, or the path a theme was given by.
    public var name: String
    /// Where the text came from (the file's path), named in errors.
    public var source: String
    /// The file's text, or why it could not be read.
    public var contents: Result<String, ThemeError>

    public init(name: String, source: String, contents: Result<String, ThemeError>) {
        self.name = name
        self.source = source
        self.contents = contents
    }
}
