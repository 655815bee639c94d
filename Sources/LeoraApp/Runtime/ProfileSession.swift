import Foundation
import LeoraKit

/// One profile's live pieces in a running app: its client, session store, query cache and the keeper
/// that persists it, the app's dependencies built on them, and the watch on its session directory.
final class ProfileSession {
    let profile: ResolvedProfile
    let dependencies: AppDependencies
    let keeper: QueryCacheKeeper
    let watcher: SessionFileWatcher?

    init(_ profile: ResolvedProfile, firstFrame: FirstFrameGate) {
        self.profile = profile
        // libcurl is opened at the first request, and not before the first frame unless that takes
        // `FirstFrame.requestsWait` (a start with nothing cached for the pane on show waits on a request).
        let transport = LazyTransport(ready: { await firstFrame.wait(atMost: FirstFrame.requestsWait) }) { CurlTransport() }
        let client = PortalClient(server: profile.server, transport: LoggingTransport(transport))
        let file = profile.paths.sessionFile
        let session = SessionStore(client: client, file: file, cacheDirectory: profile.paths.cache)
        let data = PortalData(session: session, cache: QueryClient())
        keeper = QueryCacheKeeper(cache: data.cache, server: profile.server, paths: profile.paths)
        // Watched before the session is first read (the dependencies start reading it at once).
        watcher = SessionFileWatcher(file)
        dependencies = AppDependencies.live(data: data, keeper: keeper, firstFrame: firstFrame)
    }

    var info: ProfileInfo { ProfileInfo(name: profile.name.rawValue, server: profile.server.absoluteString, email: profile.email) }
}

/// Opens the profile `:profile NAME` asks for, with the rules the app started with (`ProfileResolver`).
/// The profiles file is read again at each switch, so one added meanwhile can be chosen.
struct ProfileOpener: Sendable {
    var paths: LeoraPaths
    /// `--server`, when the app started on the default profile with it: it stays that profile's server.
    var defaultServer: String?
    /// The app's first frame (long drawn when a profile is switched to).
    var firstFrame: FirstFrameGate

    func open(_ text: String) -> Result<ProfileSession, ProfileResolver.Failure> {
        do {
            let name = try ProfileName(text)
            let profile = try ProfileResolver.resolve(name, server: name == .standard ? defaultServer : nil, paths: paths, catalog: ProfileCatalog.load(paths))
            return .success(ProfileSession(profile, firstFrame: firstFrame))
        } catch let error as ProfileResolver.Failure {
            return .failure(error)
        } catch {
            return .failure(ProfileResolver.Failure(description: String(describing: error)))
        }
    }

    /// The names `:profile` offers: the declared ones and `default`.
    func names() -> [String] {
        let declared = ProfileCatalog.load(paths).profiles.map(\.name.rawValue)
        return (declared.contains("default") ? declared : ["default"] + declared)
    }
}
