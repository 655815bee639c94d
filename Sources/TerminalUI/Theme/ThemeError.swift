import Foundation

/// Why a theme could not be used, naming the file (or source) and the problem, e.g.
/// `~/.config/leora/themes/ocean.yaml: line 7: role 'accent': 300 is not a 256-colour index (0–255)`.
public struct ThemeError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// The file path, or a name for where the text came from.
    public var source: String
    /// What is wrong, for a person.
    public var problem: String

    public init(source: String, problem: String) {
        self.source = source
        self.problem = problem
    }

    public var description: String { "\(source): \(problem)" }
    public var errorDescription: String? { description }
}
