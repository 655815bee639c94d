#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The profile a run of `leora` uses: its name, the server it talks to, and its directories.
public struct ResolvedProfile: Sendable, Equatable {
    /// What chose the profile.
    public enum Source: String, Sendable, Equatable {
        case flag = "--profile"
        case environment = "LEORA_PROFILE"
        case current = "current-profile"
        case standard = "default"
    }

    public var name: ProfileName
    public var server: URL
    public var email: String?
    public var paths: ProfilePaths
    public var source: Source
}

/// Chooses the profile and its server.
///
/// The profile: `--profile`, then `LEORA_PROFILE`, then the current one (`leora profiles use`), then
/// `default`. The server: a declared profile's own; for `default` when it is not declared, `--server`,
/// then `LEORA_SERVER`, then `server:` in config.yaml, then http://127.0.0.1:8787 (as before profiles).
/// With a declared profile, `--server` may only repeat its address (anything else is refused, so one
/// profile's session is never sent to another server) and `LEORA_SERVER` is ignored.
public enum ProfileResolver {
    public static let fallbackServer = "http://127.0.0.1:8787"

    /// Why no profile could be chosen, in words for the user.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    public static func resolve(
        profile flag: String?, server serverFlag: String?, paths: LeoraPaths, catalog: ProfileCatalog
    ) throws(Failure) -> ResolvedProfile {
        let (text, source) = choice(flag, paths)
        let name: ProfileName
        do {
            name = try ProfileName(text)
        } catch {
            throw Failure(description: "\(error.description) (from \(source.rawValue))")
        }
        return try resolve(name, source: source, server: serverFlag, paths: paths, catalog: catalog)
    }

    /// The profile `name` (`:profile NAME` in the terminal UI), with the same server rules.
    public static func resolve(
        _ name: ProfileName, source: ResolvedProfile.Source = .flag, server serverFlag: String?, paths: LeoraPaths, catalog: ProfileCatalog
    ) throws(Failure) -> ResolvedProfile {
        if let declared = catalog.profile(named: name) {
            if let serverFlag {
                let given: URL
                do { given = try ServerAddress.parse(serverFlag) } catch { throw Failure(description: error.description) }
                guard Self.same(given, declared.server) else {
                    throw Failure(
                        description: "--server \(given.absoluteString) is not the server of profile \(name) (\(declared.server.absoluteString)): "
                            + "leave out --server, or choose the profile for that server")
                }
            }
            return ResolvedProfile(name: name, server: declared.server, email: declared.email, paths: paths.profile(name), source: source)
        }
        guard name == .standard else {
            throw Failure(
                description: "There is no profile named \(name) (from \(source.rawValue)). `leora profiles list` shows them; "
                    + "`leora profiles add \(name) --server URL` adds it")
        }
        let text = serverFlag ?? paths.environment["LEORA_SERVER"].flatMap { $0.isEmpty ? nil : $0 } ?? catalog.configServer ?? fallbackServer
        do {
            return ResolvedProfile(name: name, server: try ServerAddress.parse(text), email: nil, paths: paths.profile(name), source: source)
        } catch {
            throw Failure(description: error.description)
        }
    }

    private static func choice(_ flag: String?, _ paths: LeoraPaths) -> (String, ResolvedProfile.Source) {
        if let flag { return (flag, .flag) }
        if let variable = paths.environment["LEORA_PROFILE"], !variable.isEmpty { return (variable, .environment) }
        if let current = CurrentProfile.read(paths) { return (current.rawValue, .current) }
        return (ProfileName.standard.rawValue, .standard)
    }

    /// The same server, whatever a trailing slash says.
    static func same(_ first: URL, _ second: URL) -> Bool {
        func key(_ url: URL) -> String { url.absoluteString.hasSuffix("/") ? String(url.absoluteString.dropLast()) : url.absoluteString }
        return key(first).lowercased() == key(second).lowercased()
    }
}

/// `$XDG_STATE_HOME/leora/current-profile`: the profile `leora profiles use` chose. A running `leora`
/// reads it once at start and never follows later changes.
public enum CurrentProfile {
    public static func read(_ paths: LeoraPaths) -> ProfileName? {
        guard let data = try? Data(contentsOf: paths.currentProfileFile) else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return try? ProfileName(text)
    }

    /// Writes it atomically; `nil` goes back to `default` (the file is removed).
    public static func write(_ name: ProfileName?, _ paths: LeoraPaths) throws {
        try LeoraDirectories.ensurePrivate(paths.stateRoot)
        guard let name, name != .standard else {
            if FileManager.default.fileExists(atPath: paths.currentProfileFile.path) { try FileManager.default.removeItem(at: paths.currentProfileFile) }
            return
        }
        try QueryFileLock.writeAtomically(Data((name.rawValue + "\n").utf8), to: paths.currentProfileFile.path, mode: 0o600)
    }
}
