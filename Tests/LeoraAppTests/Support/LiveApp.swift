import Foundation
import LeoraKit
import PortalAPI
import PortalTestSupport

@testable import LeoraApp

/// The app with its live dependencies against a real portal, without a terminal: an `AppStore` as
/// the runtime drives it, with the rep's session saved beforehand (so it starts logged in) and the
/// query cache on a clock the test moves. Everything it starts ends at `stop()`.
final class LiveApp {
    let store: AppStore
    let data: PortalData
    let clock: ManualQueryClock
    /// The live dependencies the store was given.
    let dependencies: AppDependencies
    private let home: URL

    /// Logs `email` in against `server`, then starts the app as `leora` does.
    init(_ server: TestServer, email: String = "rep@northwind.test") async throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("leora-live-\(UUID().uuidString.prefix(8))")
        let url = try require(URL(string: server.baseURL))
        let session = SessionStore(client: PortalClient(server: url, transport: CurlTransport()), file: SessionFile(directory: home.appendingPathComponent("state")))
        _ = try await session.login(email: email, password: TestServer.password)
        clock = ManualQueryClock(now: Date())
        data = PortalData(session: session, cache: QueryClient(clock: clock, retryPolicy: .never))
        let keeper = QueryCacheKeeper(cache: data.cache, server: url, paths: LeoraPaths(environment: ["XDG_CACHE_HOME": home.appendingPathComponent("cache").path]).profile(.standard))
        // No runtime draws a frame here: the prefetch's gate is open from the start.
        dependencies = .live(data: data, keeper: keeper, firstFrame: FirstFrameGate(open: true))
        store = AppStore(state: AppState(server: server.baseURL), dependencies: dependencies)
        store.send(.resized(width: 120, height: 35))
        store.send(.started)
    }

    var state: AppState { store.state }

    func send(_ action: AppAction) { store.send(action) }

    /// Reduces what the effects send until `condition` holds; throws when it does not within a
    /// deadline far beyond any expected wait (a loaded machine is slow, not wrong).
    func settle(_ what: String, until condition: (AppState) -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            store.receive()
            if condition(store.state) { return }
            guard ContinuousClock.now < deadline else { throw TestFailure("timed out waiting for \(what)") }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    func stop() {
        store.cancelAll()
        try? FileManager.default.removeItem(at: home)
    }
}

private func require<T>(_ value: T?) throws -> T {
    guard let value else { throw TestFailure("missing value") }
    return value
}
