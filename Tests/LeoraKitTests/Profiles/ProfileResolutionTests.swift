import Foundation
import PortalAPI
import PortalTestSupport
import Testing

@testable import LeoraKit

/// Which profile and server a run uses, and where its files are: real files in a temporary home.
@Suite struct ProfileResolutionTests {
    /// A home with its own XDG directories; `config` and `profiles` are written as given.
    struct Home {
        let directory = TemporaryDirectory()
        var environment: [String: String] {
            [
                "HOME": directory.url.path, "XDG_STATE_HOME": directory.url.appendingPathComponent("state").path,
                "XDG_CACHE_HOME": directory.url.appendingPathComponent("cache").path,
                "XDG_CONFIG_HOME": directory.url.appendingPathComponent("config").path,
            ]
        }
        func paths(_ extra: [String: String] = [:]) -> LeoraPaths { LeoraPaths(environment: environment.merging(extra) { $1 }) }

        func write(_ file: URL, _ text: String) throws {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }

        func resolve(profile: String? = nil, server: String? = nil, _ extra: [String: String] = [:]) throws -> ResolvedProfile {
            let paths = paths(extra)
            return try ProfileResolver.resolve(profile: profile, server: server, paths: paths, catalog: ProfileCatalog.load(paths))
        }
    }

    @Test func eachProfileHasOneStateAndOneCacheDirectory() throws {
        let home = Home()
        defer { home.directory.remove() }
        let work = home.paths().profile(try ProfileName("work"))
        #expect(work.state.path == home.directory.url.path + "/state/leora/profiles/work")
        #expect(work.cache.path == home.directory.url.path + "/cache/leora/profiles/work")
        #expect(work.sessionFile.url.path == work.state.path + "/session.json")
        #expect(work.cacheFile(userId: "usr/1").path == work.cache.path + "/usr-1.json")
        // The checkout journal (and the cart queue) sit beside the session.
        #expect(PendingCheckoutFile(session: work.sessionFile, userId: "usr_1").url.deletingLastPathComponent().path == work.state.path)
        #expect(home.paths().currentProfileFile.path == home.directory.url.path + "/state/leora/current-profile")
        #expect(home.paths().profilesFile.path == home.directory.url.path + "/config/leora/profiles.yaml")
        // Without XDG variables: under HOME.
        let bare = LeoraPaths(environment: ["HOME": "/home/rep"]).profile(.standard)
        #expect(bare.state.path == "/home/rep/.local/state/leora/profiles/default")
        #expect(bare.cache.path == "/home/rep/.cache/leora/profiles/default")
    }

    @Test(arguments: ["work", "a", "0-b_c", String(repeating: "x", count: 32)])
    func validNames(_ text: String) throws { #expect(try ProfileName(text).rawValue == text) }

    @Test(arguments: ["", "Work", "-a", "_a", "a/b", "..", "a b", "é", String(repeating: "x", count: 33), "a\u{1b}[2J"])
    func invalidNamesAreRefusedWithoutEchoingControls(_ text: String) {
        do {
            _ = try ProfileName(text)
            Issue.record("'\(text)' was accepted")
        } catch {
            #expect(!error.description.contains("\u{1b}"), "the message never carries a control character")
        }
    }

    @Test func theFlagWinsOverTheVariableOverTheCurrentOverDefault() throws {
        let home = Home()
        defer { home.directory.remove() }
        try home.write(home.paths().profilesFile, """
            profiles:
              a: {server: "http://a.test:1"}
              b: {server: "http://b.test:2"}
              c: {server: "http://c.test:3", email: rep@c.test}
            """)
        #expect(try home.resolve().name == .standard)
        #expect(try home.resolve().source == .standard)
        try CurrentProfile.write(try ProfileName("c"), home.paths())
        #expect(try home.resolve().name.rawValue == "c")
        #expect(try home.resolve().email == "rep@c.test")
        #expect(try home.resolve().source == .current)
        #expect(try home.resolve(["LEORA_PROFILE": "b"]).name.rawValue == "b")
        #expect(try home.resolve(["LEORA_PROFILE": "b"]).source == .environment)
        let flagged = try home.resolve(profile: "a", ["LEORA_PROFILE": "b"])
        #expect(flagged.name.rawValue == "a")
        #expect(flagged.server.absoluteString == "http://a.test:1")
        #expect(flagged.paths == home.paths().profile(try ProfileName("a")))
        // An empty variable counts as unset.
        #expect(try home.resolve(["LEORA_PROFILE": ""]).name.rawValue == "c")
        try CurrentProfile.write(nil, home.paths())
        #expect(try home.resolve().name == .standard)
    }

    @Test func theDefaultProfileKeepsTheServerRulesOfBeforeProfiles() throws {
        let home = Home()
        defer { home.directory.remove() }
        #expect(try home.resolve().server.absoluteString == "http://127.0.0.1:8787")
        try home.write(home.paths().configFile, "server: http://config.test:1\ntheme: light\n")
        #expect(try home.resolve().server.absoluteString == "http://config.test:1")
        #expect(try home.resolve(["LEORA_SERVER": "http://env.test:2"]).server.absoluteString == "http://env.test:2")
        #expect(try home.resolve(server: "http://flag.test:3", ["LEORA_SERVER": "http://env.test:2"]).server.absoluteString == "http://flag.test:3")
        #expect(throws: ProfileResolver.Failure.self) { try home.resolve(server: "ftp://x") }
        #expect(throws: ProfileResolver.Failure.self) { try home.resolve(server: "http://rep:secret@x.test") }
    }

    @Test func aDeclaredProfileKeepsItsServer() throws {
        let home = Home()
        defer { home.directory.remove() }
        try home.write(home.paths().configFile, """
            server: http://config.test:1
            profiles:
              work:
                server: http://work.test:9
            """)
        let work = try home.resolve(profile: "work", ["LEORA_SERVER": "http://env.test:2"])
        #expect(work.server.absoluteString == "http://work.test:9", "LEORA_SERVER is the default profile's only")
        #expect(try home.resolve(profile: "work", server: "http://work.test:9/").server.absoluteString == "http://work.test:9")
        do {
            _ = try home.resolve(profile: "work", server: "http://other.test:1")
            Issue.record("another server for a declared profile was accepted")
        } catch {
            #expect(String(describing: error).contains("is not the server of profile work"))
        }
        // An unknown profile is refused with what to do.
        do {
            _ = try home.resolve(profile: "nope")
            Issue.record("an unknown profile was accepted")
        } catch {
            #expect(String(describing: error).contains("leora profiles add nope"))
        }
        #expect(throws: ProfileResolver.Failure.self) { try home.resolve(profile: "Bad Name") }
    }

    @Test func configYamlWinsOverProfilesYamlAndBadEntriesAreSkippedWithAWarning() throws {
        let home = Home()
        defer { home.directory.remove() }
        try home.write(home.paths().configFile, """
            profiles:
              work: {server: "http://config.test:1"}
              Bad: {server: "http://bad.test:1"}
              noserver: {email: x@y.test}
            """)
        try home.write(home.paths().profilesFile, """
            profiles:
              work: {server: "http://file.test:1"}
              spare: {server: "http://spare.test:2"}
              creds: {server: "http://u:p@x.test"}
            """)
        let catalog = ProfileCatalog.load(home.paths())
        #expect(catalog.profiles.map(\.name.rawValue) == ["spare", "work"])
        #expect(catalog.profile(named: try ProfileName("work"))?.server.absoluteString == "http://config.test:1")
        #expect(catalog.profile(named: try ProfileName("work"))?.origin == .config)
        #expect(catalog.warnings.count == 3, "\(catalog.warnings)")
        #expect(!catalog.warnings.joined().contains("u:p"), "no password echoed")
        // A file that is not YAML: a warning, and the other file still counts.
        try home.write(home.paths().profilesFile, "profiles: [unclosed")
        let broken = ProfileCatalog.load(home.paths())
        #expect(broken.profiles.map(\.name.rawValue) == ["work"])
        #expect(broken.warnings.contains { $0.contains("profiles.yaml was ignored") })
    }

    @Test func addAndRemoveRewriteOnlyProfilesYaml() throws {
        let home = Home()
        defer { home.directory.remove() }
        let config = "profiles:\n  work: {server: \"http://config.test:1\"}\n"
        try home.write(home.paths().configFile, config)
        let spare = try ProfileName("spare")
        try ProfileCatalog.add(Profile(name: spare, server: URL(string: "http://spare.test:2")!, email: "a@b.test"), home.paths())
        #expect(ProfileCatalog.load(home.paths()).profile(named: spare)?.email == "a@b.test")
        #expect(throws: ProfileCatalog.Refusal.self) {
            try ProfileCatalog.add(Profile(name: spare, server: URL(string: "http://other.test:2")!), home.paths())
        }
        #expect(throws: ProfileCatalog.Refusal.self) { try ProfileCatalog.remove(try ProfileName("work"), home.paths()) }
        #expect(throws: ProfileCatalog.Refusal.self) { try ProfileCatalog.remove(try ProfileName("ghost"), home.paths()) }
        let mode = try FileManager.default.attributesOfItem(atPath: home.paths().profilesFile.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        try ProfileCatalog.remove(spare, home.paths())
        #expect(ProfileCatalog.load(home.paths()).profile(named: spare) == nil)
        #expect(try String(contentsOf: home.paths().configFile, encoding: .utf8) == config, "config.yaml is never rewritten")
    }

    @Test func aSessionSavedForAnotherServerIsNotUsed() async throws {
        let home = Home()
        defer { home.directory.remove() }
        let file = home.paths().profile(.standard).sessionFile
        let saved = SavedSession(
            server: "http://first.test:1", cookies: [], user: PortalUser(id: "usr_1", email: "rep@x.test", name: "Rep", tenantId: "ten_1", roles: ["sales_rep"], lastLoginAt: nil), tenant: nil, permissions: [], savedAt: Date())
        try await file.withLock { try file.write(saved) }
        let same = SessionStore(client: PortalClient(server: URL(string: "http://first.test:1")!, transport: CountingTransport()), file: file)
        #expect(await same.restore().session != nil)
        let other = SessionStore(client: PortalClient(server: URL(string: "http://second.test:2")!, transport: CountingTransport()), file: file)
        guard case .loggedOut(let reason) = await other.restore() else {
            Issue.record("a session for another server was adopted")
            return
        }
        #expect(reason?.contains("http://first.test:1") == true)
    }

    @Test func aCacheWrittenForAnotherServerIsNotRead() throws {
        let home = Home()
        defer { home.directory.remove() }
        let paths = home.paths().profile(.standard)
        let now = Date()
        let first = paths.cachePersistence(server: URL(string: "http://first.test:1")!, userId: "usr_1")
        try first.save([PersistedQuery(key: PortalQueryKeys.cart, value: Data("1".utf8), etag: nil, dataUpdatedAt: now, staleAt: nil)], now: now)
        #expect(first.load(now: now).count == 1)
        #expect(paths.cachePersistence(server: URL(string: "http://second.test:2")!, userId: "usr_1").load(now: now).isEmpty)
    }
}

/// A profile whose server changed: the old server's journals and queues never reach the new one.
@Suite struct ProfileServerChangeTests {
    @Test func loggingInToAnotherServerMovesTheOldServersFilesAside() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let file = SessionFile(directory: directory.url)
            let old = SavedSession(
                server: "http://old.test:1", cookies: [],
                user: PortalUser(id: "usr_1", email: "rep@x.test", name: "Rep", tenantId: "ten_1", roles: ["sales_rep"], lastLoginAt: nil),
                tenant: nil, permissions: [], savedAt: Date())
            try await file.withLock { try file.write(old) }
            let journal = directory.url.appendingPathComponent("checkout-usr_1.json")
            let queue = directory.url.appendingPathComponent("cart-queue-usr_1.json")
            try "journal".write(to: journal, atomically: true, encoding: .utf8)
            try "queue".write(to: queue, atomically: true, encoding: .utf8)

            let store = server.sessionStore(in: directory)
            _ = try await store.login(email: "rep@northwind.test", password: TestServer.password)
            #expect(!FileManager.default.fileExists(atPath: journal.path))
            #expect(!FileManager.default.fileExists(atPath: queue.path))
            let aside = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { $0.hasPrefix("other-server-") }
            #expect(aside.count == 1)
            let moved = directory.url.appendingPathComponent(aside[0])
            #expect(try String(contentsOf: moved.appendingPathComponent("checkout-usr_1.json"), encoding: .utf8) == "journal")
            #expect(try String(contentsOf: moved.appendingPathComponent("cart-queue-usr_1.json"), encoding: .utf8) == "queue")
            #expect(try String(contentsOf: moved.appendingPathComponent("SERVER"), encoding: .utf8).contains("http://old.test:1"))

            // The same server again: nothing moves.
            try "journal".write(to: journal, atomically: true, encoding: .utf8)
            _ = try await store.login(email: "rep@northwind.test", password: TestServer.password)
            #expect(FileManager.default.fileExists(atPath: journal.path))
        }
    }
}
