import Foundation
import LeoraKit
import PortalAPI
import PortalTestSupport
import Testing

/// `leora profiles …` and `--profile` with the real `leora` binary, and two profiles on two real
/// portal processes, one after the other and side by side.
@Suite struct ProfilesCLITests {
    /// `leora` with no `--server`: the profile decides.
    static func leora(_ directory: TemporaryDirectory, _ environment: [String: String] = [:]) -> LeoraCommand {
        LeoraCommand(server: "", stateDirectory: directory.url, environment: environment)
    }

    static func run(_ leora: LeoraCommand, _ arguments: [String], input: String? = nil) async throws -> LeoraCommand.Result {
        try await leora.run(arguments, input: input, serverFlag: false)
    }

    struct Row: Decodable, Equatable {
        var name: String
        var server: String
        var current: Bool
        var loggedIn: Bool
        var user: String?
    }

    static func rows(_ leora: LeoraCommand) async throws -> [Row] {
        let listed = try await run(leora, ["--json", "profiles", "list"])
        #expect(listed.status == 0, "\(listed.stderr)")
        return try JSONDecoder().decode([Row].self, from: Data(listed.stdout.utf8))
    }

    @Test func addListUseAndRemove() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let leora = Self.leora(directory)
        #expect(try await Self.rows(leora) == [Row(name: "default", server: "http://127.0.0.1:8787", current: true, loggedIn: false, user: nil)])

        let added = try await Self.run(leora, ["profiles", "add", "work", "--server", "http://work.test:9", "--email", "rep@work.test"])
        #expect(added.status == 0, "\(added.stderr)")
        let again = try await Self.run(leora, ["profiles", "add", "work", "--server", "http://other.test:1"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists"))
        #expect(try await Self.run(leora, ["profiles", "add", "Work!", "--server", "http://x.test"]).status == 64)
        let badServer = try await Self.run(leora, ["profiles", "add", "x", "--server", "http://u:secret@x.test"])
        #expect(badServer.status == 64)
        #expect(!badServer.stderr.contains("secret"))

        #expect(try await Self.run(leora, ["profiles", "use", "work"]).status == 0)
        let rows = try await Self.rows(leora)
        #expect(rows.map(\.name) == ["default", "work"])
        #expect(rows.first { $0.current }?.name == "work")
        let table = try await Self.run(leora, ["profiles"])
        #expect(table.stdout.split(separator: "\n").contains { $0.hasPrefix("*") && $0.contains("work") }, "\(table.stdout)")
        #expect(table.stdout.contains("rep@work.test"))

        // The current profile is used by every command: not logged in there, and it says which.
        let whoami = try await Self.run(leora, ["whoami"])
        #expect(whoami.status == 3)
        #expect(whoami.stderr.contains("profile work"), "\(whoami.stderr)")
        #expect(whoami.stderr.contains("leora --profile work login"))
        // --profile and LEORA_PROFILE choose another one for one command.
        #expect(try await Self.run(leora, ["--profile", "default", "whoami"]).stderr.contains("profile default"))
        #expect(try await Self.run(Self.leora(directory, ["LEORA_PROFILE": "default"]), ["whoami"]).stderr.contains("profile default"))

        // --server with a declared profile may only repeat its address.
        let conflict = try await Self.run(leora, ["--server", "http://other.test:1", "whoami"])
        #expect(conflict.status == 64)
        #expect(conflict.stderr.contains("is not the server of profile work"), "\(conflict.stderr)")
        let unknown = try await Self.run(leora, ["--profile", "ghost", "orders", "list"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("leora profiles add ghost"))
        #expect(try await Self.run(leora, ["profiles", "use", "ghost"]).status == 1)

        let removed = try await Self.run(leora, ["profiles", "remove", "work"])
        #expect(removed.status == 0)
        #expect(removed.stdout.contains("default again"))
        #expect(try await Self.rows(leora).map(\.name) == ["default"])

        // config.yaml declares profiles too, and is never rewritten.
        let config = directory.url.appendingPathComponent("config/leora/config.yaml")
        try FileManager.default.createDirectory(at: config.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "profiles:\n  fixed: {server: \"http://fixed.test:3\"}\n".write(to: config, atomically: true, encoding: .utf8)
        #expect(try await Self.rows(leora).map(\.name) == ["default", "fixed"])
        let refused = try await Self.run(leora, ["profiles", "remove", "fixed"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("config.yaml"))
    }

    @Test func aSingleServerSetupBecomesTheDefaultProfileOnceWhateverRacesIt() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await PortalProcess.with(["--seed", "demo", "--bcrypt-cost", "4"]) { (portal: PortalProcess) async throws in
            let environment = ["LEORA_SERVER": portal.baseURL]
            let leora = Self.leora(directory, environment)
            // Logged in before profiles: the session in the per-server directory.
            #expect(try await Self.run(leora, ["login", "--email", "rep@northwind.test", "--password-stdin"], input: "leora-demo\n").status == 0)
            let paths = LeoraPaths(environment: ["XDG_STATE_HOME": directory.url.path, "XDG_CACHE_HOME": directory.url.appendingPathComponent("cache").path])
            let profile = paths.profile(.standard)
            let legacy = paths.legacyState(server: URL(string: portal.baseURL)!)
            try FileManager.default.moveItem(at: profile.state, to: legacy)
            try FileManager.default.removeItem(at: paths.stateRoot.appendingPathComponent("profiles"))
            let session = try Data(contentsOf: legacy.appendingPathComponent("session.json"))

            // Six commands at once, each the first run after the upgrade: all logged in, the file moved once.
            let results = try await withThrowingTaskGroup(of: LeoraCommand.Result.self) { group in
                for index in 0..<6 {
                    group.addTask { try await Self.run(leora, index.isMultiple(of: 2) ? ["whoami"] : ["profiles", "list"]) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for result in results { #expect(result.status == 0, "\(result.stderr)") }
            #expect(results.filter { $0.stdout.contains("Maya Okafor") }.count == 3)
            #expect(!FileManager.default.fileExists(atPath: legacy.path))
            #expect(!session.isEmpty)
            #expect(try profile.sessionFile.read()?.server == portal.baseURL)
            #expect(try profile.sessionFile.read()?.user.email == "rep@northwind.test")
            #expect(FileManager.default.fileExists(atPath: paths.stateRoot.appendingPathComponent("profiles/.migrated-v1").path))
        }
    }

    /// Every file under a profile's state and cache directories, with its bytes.
    static func files(of profile: ProfilePaths) -> [(path: String, text: String)] {
        [profile.state, profile.cache].flatMap { root -> [(String, String)] in
            let names = FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? []
            return names.compactMap { name in
                let url = root.appendingPathComponent(name)
                return (try? Data(contentsOf: url)).map { (url.path, String(decoding: $0, as: UTF8.self)) }
            }
        }
    }

    @Test func twoProfilesOnTwoPortalsShareNothing() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let arguments = ["--seed", "demo", "--bcrypt-cost", "4"]
        try await PortalProcess.with(arguments) { (first: PortalProcess) async throws in
            try await PortalProcess.with(arguments) { (second: PortalProcess) async throws in
                let leora = Self.leora(directory)
                #expect(try await Self.run(leora, ["profiles", "add", "north", "--server", first.baseURL, "--email", "rep@northwind.test"]).status == 0)
                #expect(try await Self.run(leora, ["profiles", "add", "south", "--server", second.baseURL, "--email", "admin@northwind.test"]).status == 0)
                let north = Self.leora(directory, ["LEORA_PROFILE": "north"])
                let south = Self.leora(directory, ["LEORA_PROFILE": "south"])

                // One after the other: each logs in as its own account (the email comes from the profile).
                #expect(try await Self.run(north, ["login", "--password-stdin"], input: "leora-demo\n").status == 0)
                #expect(try await Self.run(south, ["login", "--password-stdin"], input: "leora-demo\n").status == 0)
                let northWho = try await Self.run(north, ["whoami"])
                #expect(northWho.stdout.contains("Maya Okafor") && northWho.stdout.contains(first.baseURL), "\(northWho.stdout)")
                let southWho = try await Self.run(south, ["whoami"])
                #expect(southWho.stdout.contains("admin@northwind.test") && southWho.stdout.contains(second.baseURL), "\(southWho.stdout)")

                let products = try await Self.run(north, ["--json", "products", "list", "--limit", "100"])
                let listing = try PortalJSON.decoder().decode(ProductsListingJSON.self, from: Data(products.stdout.utf8))
                let stocked = listing.products.filter { $0.active && $0.inventory.available >= 10 }
                try #require(stocked.count >= 2)
                let (northProduct, southProduct) = (stocked[0], stocked[1])

                // Side by side: both profiles at once, several rounds, each with its own cart.
                for round in 1...3 {
                    let verb = round == 1 ? "add" : "set"
                    async let a = Self.run(north, ["cart", verb, northProduct.sku, "\(round)"])
                    async let b = Self.run(south, ["cart", verb, southProduct.sku, "\(round + 3)"])
                    async let c = Self.run(north, ["orders", "list", "--limit", "1"])
                    async let d = Self.run(south, ["orders", "list", "--limit", "1"])
                    for result in try await [a, b, c, d] { #expect(result.status == 0, "round \(round): \(result.stderr)") }
                }

                // What each server saw: its own account's cart holds only its profile's change.
                func serverCart(_ portal: PortalProcess, _ email: String) async throws -> Cart {
                    let client = PortalClient(server: URL(string: portal.baseURL)!, transport: CurlTransport())
                    _ = try await client.login(email: email, password: "leora-demo")
                    return try #require(try await client.cart().value)
                }
                let northCart = try await serverCart(first, "rep@northwind.test")
                #expect(northCart.items.map(\.productId) == [northProduct.id])
                #expect(northCart.items.first?.quantity == 3)
                let southCart = try await serverCart(second, "admin@northwind.test")
                #expect(southCart.items.map(\.productId) == [southProduct.id])
                #expect(southCart.items.first?.quantity == 6)
                #expect(try await serverCart(first, "admin@northwind.test").items.isEmpty, "the south profile's change never reached the north portal")
                #expect(try await serverCart(second, "rep@northwind.test").items.isEmpty, "the north profile's change never reached the south portal")

                // The files: each profile's session names its own server and holds its own tokens;
                // no file of one profile mentions the other's server or tokens.
                let paths = LeoraPaths(environment: ["XDG_STATE_HOME": directory.url.path, "XDG_CACHE_HOME": directory.url.appendingPathComponent("cache").path])
                let northPaths = paths.profile(try ProfileName("north"))
                let southPaths = paths.profile(try ProfileName("south"))
                let northSaved = try #require(try northPaths.sessionFile.read())
                let southSaved = try #require(try southPaths.sessionFile.read())
                #expect(northSaved.server == first.baseURL && northSaved.user.email == "rep@northwind.test")
                #expect(southSaved.server == second.baseURL && southSaved.user.email == "admin@northwind.test")
                for (mine, theirs, theirServer) in [(northPaths, southSaved, second.baseURL), (southPaths, northSaved, first.baseURL)] {
                    let files = Self.files(of: mine)
                    #expect(!files.isEmpty)
                    for file in files {
                        #expect(!file.text.contains(theirServer), "\(file.path) names the other profile's server")
                        for cookie in theirs.cookies { #expect(!file.text.contains(cookie.value), "\(file.path) holds the other profile's token") }
                    }
                }
                #expect(!FileManager.default.fileExists(atPath: paths.profile(.standard).sessionFile.url.path), "the default profile was not touched")

                // Logging out of one leaves the other logged in.
                #expect(try await Self.run(north, ["logout"]).status == 0)
                #expect(try await Self.run(north, ["whoami"]).status == 3)
                #expect(try await Self.run(south, ["whoami"]).status == 0)
                let rows = try await Self.rows(leora)
                #expect(rows.first { $0.name == "south" }?.loggedIn == true)
                #expect(rows.first { $0.name == "north" }?.loggedIn == false)
            }
        }
    }
}
