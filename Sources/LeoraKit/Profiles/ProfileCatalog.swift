#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Yams

/// The declared profiles: `profiles:` in `config.yaml` (read only: `leora` never rewrites it) and
/// `profiles.yaml` beside it (written by `leora profiles add|remove`). A name in both is the one in
/// `config.yaml`. Both files map a name to its `server` and optional `email`:
///
/// ```yaml
/// profiles:
///   work:
///     server: https://portal.example.com
///     email: rep@example.com
/// ```
/// An entry that cannot be used is skipped with a warning; nothing else is lost.
public struct ProfileCatalog: Sendable {
    public private(set) var profiles: [Profile]
    /// `server:` in `config.yaml`: the default profile's server when it is not declared.
    public var configServer: String?
    /// Sentences for the user about entries or files that were skipped.
    public var warnings: [String]

    public init(profiles: [Profile] = [], configServer: String? = nil, warnings: [String] = []) {
        self.profiles = profiles.sorted { $0.name < $1.name }
        self.configServer = configServer
        self.warnings = warnings
    }

    public func profile(named name: ProfileName) -> Profile? { profiles.first { $0.name == name } }

    /// Reads both files (a missing file declares nothing).
    public static func load(_ paths: LeoraPaths) -> ProfileCatalog {
        var warnings: [String] = []
        let config = read(paths.configFile, &warnings)
        let written = read(paths.profilesFile, &warnings)
        let fromConfig = entries(config?["profiles"], origin: .config, file: paths.configFile, &warnings)
        let declared = Set(fromConfig.map(\.name))
        let fromFile = entries(written?["profiles"], origin: .profiles, file: paths.profilesFile, &warnings).filter { !declared.contains($0.name) }
        return ProfileCatalog(profiles: fromConfig + fromFile, configServer: config?["server"] as? String, warnings: warnings)
    }

    // MARK: Writing profiles.yaml

    /// Why `profiles.yaml` was not changed, in words for the user.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// Adds `profile` to `profiles.yaml` (atomically, under a lock shared with every `leora`).
    public static func add(_ profile: Profile, _ paths: LeoraPaths) throws {
        try rewrite(paths) { catalog, entries in
            if let existing = catalog.profile(named: profile.name) {
                throw Refusal(description: "A profile named \(profile.name) already exists in \(existing.origin.rawValue) (\(existing.server.absoluteString))")
            }
            var entry: [String: String] = ["server": profile.server.absoluteString]
            if let email = profile.email { entry["email"] = email }
            entries[profile.name.rawValue] = entry
        }
    }

    /// Removes `name` from `profiles.yaml`; its files stay (logging out first ends its session).
    public static func remove(_ name: ProfileName, _ paths: LeoraPaths) throws {
        try rewrite(paths) { catalog, entries in
            guard let existing = catalog.profile(named: name) else { throw Refusal(description: "There is no profile named \(name)") }
            guard existing.origin == .profiles else {
                throw Refusal(description: "The profile \(name) is declared in config.yaml, which leora never rewrites: remove it there")
            }
            entries[name.rawValue] = nil
        }
    }

    private static func rewrite(_ paths: LeoraPaths, _ change: (ProfileCatalog, inout [String: [String: String]]) throws -> Void) throws {
        try LeoraDirectories.ensurePrivate(paths.stateRoot)
        try QueryFileLock.withExclusiveLock(at: paths.profilesFileLock.path) {
            var warnings: [String] = []
            let catalog = load(paths)
            var table: [String: [String: String]] = [:]
            for profile in entries(read(paths.profilesFile, &warnings)?["profiles"], origin: .profiles, file: paths.profilesFile, &warnings) {
                var entry = ["server": profile.server.absoluteString]
                if let email = profile.email { entry["email"] = email }
                table[profile.name.rawValue] = entry
            }
            if FileManager.default.fileExists(atPath: paths.profilesFile.path), read(paths.profilesFile, &warnings) == nil {
                throw Refusal(description: "\(paths.profilesFile.path) cannot be read, so it is left as it is: \(warnings.joined(separator: " "))")
            }
            try change(catalog, &table)
            let yaml = try Yams.dump(object: ["version": 1, "profiles": table] as [String: Any], sortKeys: true)
            try FileManager.default.createDirectory(at: paths.configRoot, withIntermediateDirectories: true)
            try QueryFileLock.writeAtomically(Data(("# Written by `leora profiles`.\n" + yaml).utf8), to: paths.profilesFile.path, mode: 0o600)
        }
    }

    // MARK: Reading

    private static func read(_ file: URL, _ warnings: inout [String]) -> [String: Any]? {
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        do {
            let text = try String(contentsOf: file, encoding: .utf8)
            guard let value = try Yams.load(yaml: text) else { return [:] }
            guard let map = value as? [String: Any] else {
                warnings.append("\(file.path) was ignored: it is not a map of settings.")
                return nil
            }
            return map
        } catch {
            let reason = (error as? YamlError).map { String(describing: $0).components(separatedBy: "\n").first ?? "not YAML" } ?? "unreadable"
            warnings.append("\(file.path) was ignored: \(reason).")
            return nil
        }
    }

    private static func entries(_ value: Any?, origin: Profile.Origin, file: URL, _ warnings: inout [String]) -> [Profile] {
        guard let value else { return [] }
        guard let map = value as? [String: Any] else {
            warnings.append("\(file.lastPathComponent): `profiles` must map names to a server and email; ignored.")
            return []
        }
        var found: [Profile] = []
        for (key, entry) in map.sorted(by: { $0.key < $1.key }) {
            do {
                let name = try ProfileName(key)
                guard let fields = entry as? [String: Any], let server = fields["server"] as? String else {
                    warnings.append("\(file.lastPathComponent): profile \(name) has no `server`; ignored.")
                    continue
                }
                let url = try ServerAddress.parse(server)
                found.append(Profile(name: name, server: url, email: fields["email"] as? String, origin: origin))
            } catch let error as ProfileName.Invalid {
                warnings.append("\(file.lastPathComponent): \(error.description); ignored.")
            } catch let error as ServerAddress.Invalid {
                warnings.append("\(file.lastPathComponent): profile \(key): \(error.description); ignored.")
            } catch {}
        }
        return found
    }
}
