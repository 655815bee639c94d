import Foundation
import LeoraKit
import Yams

/// `$XDG_CONFIG_HOME/leora/config.yaml`: the defaults a rep sets once.
///
/// ```yaml
/// server: https://portal.example.com
/// theme: solarized-dark
/// mouse: true
/// keys:
///   global.refresh: F5          # a binding's id (see `?`) and its new key or keys
///   orders.cancel: [X, Del]
/// profiles:                     # read by `ProfileCatalog` (LeoraKit), which the commands share
///   work: {server: https://portal.example.com, email: rep@example.com}
/// ```
/// Flags win over the file. A file that cannot be read gives a clear warning and the defaults.
public struct LeoraConfig: Sendable, Equatable, Decodable {
    public var server: String?
    public var theme: String?
    public var mouse: Bool?
    /// Binding id → key names (`"F5"`, `"Ctrl-R"`, `"x"`).
    public var keys: [String: [String]]

    public init(server: String? = nil, theme: String? = nil, mouse: Bool? = nil, keys: [String: [String]] = [:]) {
        self.server = server
        self.theme = theme
        self.mouse = mouse
        self.keys = keys
    }

    enum CodingKeys: String, CodingKey { case server, theme, mouse, keys }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        server = try container.decodeIfPresent(String.self, forKey: .server)
        theme = try container.decodeIfPresent(String.self, forKey: .theme)
        mouse = try container.decodeIfPresent(Bool.self, forKey: .mouse)
        keys = try container.decodeIfPresent([String: OneOrMany].self, forKey: .keys)?.mapValues(\.values) ?? [:]
    }

    /// A key written as one name or a list of names.
    struct OneOrMany: Decodable {
        var values: [String]
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let one = try? container.decode(String.self) {
                values = [one]
            } else {
                values = try container.decode([String].self)
            }
        }
    }

    public static func file(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        LeoraPaths(environment: environment).configFile
    }

    /// The configuration, and a sentence for the rep when the file exists but cannot be used.
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) -> (config: LeoraConfig, warning: String?) {
        let url = file(environment: environment)
        guard FileManager.default.fileExists(atPath: url.path) else { return (LeoraConfig(), nil) }
        do {
            let text = try String(contentsOf: url, encoding: .utf8)
            // Empty, or only comments: nothing set.
            guard try Yams.load(yaml: text) != nil else { return (LeoraConfig(), nil) }
            return (try YAMLDecoder().decode(LeoraConfig.self, from: text), nil)
        } catch {
            return (LeoraConfig(), "\(url.path) was ignored: \(describe(error))")
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context), let DecodingError.dataCorrupted(context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        case let yaml as YamlError:
            return String(describing: yaml).components(separatedBy: "\n").first ?? "not YAML"
        default:
            return String(describing: error)
        }
    }
}
