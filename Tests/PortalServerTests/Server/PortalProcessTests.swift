import Foundation
import PortalAPI
import PortalTestSupport
import Testing
@testable import PortalServer

/// The real `leora-portal` binary, started as a process.
@Suite("The leora-portal executable")
struct PortalProcessTests {
    @Test func startsPrintsOneListeningLineAndServes() async throws {
        try await PortalProcess.with(["--seed", "demo", "--bcrypt-cost", "4"]) { (portal: PortalProcess) async throws in
            #expect(portal.listeningLine.hasPrefix("listening on http://127.0.0.1:"))
            let client = TestClient(baseURL: portal.baseURL)
            let health = try await client.get(Routes.health)
            #expect(health.status == 200)
            #expect(health.json["status"] == "healthy")
            #expect(health.json["checks"]?["database"]?["status"] == "up")
            #expect(health.json["checks"]?["openai"]?["status"] == "not_configured")
            #expect(health.json["checks"]?["webhooks"]?["queueDepth"]?.intValue == 0)
            let login = try await client.post(Routes.login, json: ["email": "rep@fjord.test", "password": .string(SeedDataset.demoPassword)])
            #expect(login.status == 200)
            #expect(try await client.get(Routes.me).data(MePayload.self).tenant.currency == "NOK")
        }
    }

    @Test(arguments: [[], ["--no-webhook-scheduler"]])
    func sigtermIsAGracefulStopThatExitsZero(extra: [String]) async throws {
        let portal = try await PortalProcess.start(["--port", "0", "--database", ":memory:", "--bcrypt-cost", "4"] + extra, secret: TestServer.secret)
        #expect(try await TestClient(baseURL: portal.baseURL).get(Routes.health).status == 200)
        let status = portal.terminateAndWait()
        #expect(status == 0, "exit status after SIGTERM: \(portal.output())")
        #expect(!portal.output().contains("Error"), "\(portal.output())")
    }

    @Test func metricsAreServedOnTheLoopbackMetricsListenerAndNotOnThePublicOne() async throws {
        try await PortalProcess.with(["--seed", "demo", "--bcrypt-cost", "4"]) { (portal: PortalProcess) async throws in
            var metricsURL: String?
            for _ in 0..<100 where metricsURL == nil {
                metricsURL = portal.output().split(separator: "\n").first { $0.hasPrefix("metrics on ") }.map { String($0.dropFirst("metrics on ".count)) }
                if metricsURL == nil { try await Task.sleep(for: .milliseconds(100)) }
            }
            let url = try #require(metricsURL, "\(portal.output())")
            #expect(url.hasPrefix("http://127.0.0.1:"))
            let base = String(url.dropLast("/metrics".count))
            #expect(try await TestClient(baseURL: portal.baseURL).get(Routes.health).status == 200)
            let scraped = try await TestClient(baseURL: base).get("/metrics")
            #expect(scraped.status == 200)
            #expect(scraped.text.contains("portal_http_request_duration_seconds"))
            #expect(try await TestClient(baseURL: portal.baseURL).get("/metrics").status == 401, "not on the public listener without a token")
            #expect(try await TestClient(baseURL: base).get(Routes.health).status == 404, "the metrics listener serves nothing else")
        }
    }

    @Test func aMetricsAddressInUseDoesNotStopThePortal() async throws {
        let blocker = try await PortalProcess.start(["--port", "0", "--database", ":memory:", "--bcrypt-cost", "4", "--metrics-address", "127.0.0.1:0"], secret: TestServer.secret)
        defer { blocker.stop() }
        let taken = try #require(URL(string: blocker.baseURL)?.port)
        try await PortalProcess.with(["--bcrypt-cost", "4", "--metrics-address", "127.0.0.1:\(taken)"]) { (portal: PortalProcess) async throws in
            #expect(try await TestClient(baseURL: portal.baseURL).get(Routes.health).status == 200)
        }
    }

    @Test func filesTheServerCreatesAreOwnerOnly() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leora-modes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("data/portal.sqlite").path
        try await PortalProcess.with(["--database", database, "--seed", "demo", "--bcrypt-cost", "4"], secret: nil) { (portal: PortalProcess) async throws in
            let rep = TestClient(baseURL: portal.baseURL)
            #expect(try await rep.post(Routes.login, json: ["email": "rep@northwind.test", "password": .string(SeedDataset.demoPassword)]).status == 200)
            for name in ["portal.sqlite", "portal.sqlite-wal", "portal.sqlite-shm", "jwt-secret"] {
                let path = directory.appendingPathComponent("data/\(name)").path
                let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
                #expect(mode == 0o600, "\(name) has mode \(String(mode ?? 0, radix: 8))")
            }
        }
    }

    @Test func generatesAJWTSecretOnceBesideTheDatabaseWithMode0600() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("leora-secret-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("db/portal.sqlite").path
        let secretFile = directory.appendingPathComponent("db/jwt-secret").path
        var cookie = ""
        try await PortalProcess.with(["--database", database, "--seed", "demo", "--bcrypt-cost", "4"], secret: nil) { (portal: PortalProcess) async throws in
            let client = TestClient(baseURL: portal.baseURL)
            #expect(try await client.post(Routes.login, json: ["email": "rep@northwind.test", "password": .string(SeedDataset.demoPassword)]).status == 200)
            cookie = try #require(client.cookie("accessToken")?.value)
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: secretFile)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(((attributes[.size] as? Int) ?? 0) >= 32)
        // A restart keeps the secret: the token issued before still works.
        try await PortalProcess.with(["--database", database], secret: nil) { (portal: PortalProcess) async throws in
            let client = TestClient(baseURL: portal.baseURL)
            client.setCookie("accessToken", cookie)
            #expect(try await client.get(Routes.me).status == 200)
        }
    }

    @Test func testSettingsAreRefusedWithoutDev() throws {
        for flag in [["--access-ttl", "5"], ["--rate-limit", "GET=1/s"], ["--refresh-grace", "0"], ["--login-max-failures", "2"]] {
            let result = try PortalProcess.runToExit(["--port", "0", "--database", ":memory:"] + flag)
            #expect(result.status != 0, "\(flag) accepted without --dev")
            #expect(result.output.contains("--dev"), "\(result.output)")
        }
        let badLimit = try PortalProcess.runToExit(["--dev", "--rate-limit", "lots", "--database", ":memory:"])
        #expect(badLimit.status != 0)
    }

    @Test func aShortSecretIsRefusedWithAClearMessage() throws {
        let result = try PortalProcess.runToExit(["--port", "0", "--database", ":memory:"], environment: ["LEORA_JWT_SECRET": "short"])
        #expect(result.status != 0)
        #expect(result.output.contains("at least 32 bytes"))
    }

    @Test func devSettingsTakeEffect() async throws {
        try await PortalProcess.with(
            ["--dev", "--seed", "demo", "--bcrypt-cost", "4", "--rate-limit", "GET=3/s", "--login-max-failures", "2", "--access-ttl", "60"]
        ) { (portal: PortalProcess) async throws in
            let client = TestClient(baseURL: portal.baseURL)
            for _ in 0..<2 {
                #expect(try await client.post(Routes.login, json: ["email": "rep@northwind.test", "password": "no"]).status == 401)
            }
            #expect(try await client.post(Routes.login, json: ["email": "rep@northwind.test", "password": .string(SeedDataset.demoPassword)]).status == 429)
            let login = try await client.post(Routes.login, json: ["email": "admin@northwind.test", "password": .string(SeedDataset.demoPassword)])
            #expect(login.headers(named: "Set-Cookie").contains { $0.hasPrefix("accessToken=") && $0.contains("Max-Age=60") })
            // Eight at once arrive within one second however busy the machine is.
            var limited: TestResponse?
            for _ in 0..<5 where limited == nil {
                limited = try await withThrowingTaskGroup(of: TestResponse.self) { group in
                    for _ in 0..<8 { group.addTask { try await client.get(Routes.products) } }
                    return try await group.first { $0.status == 429 }
                }
            }
            let response = try #require(limited, "no 429 within 40 GETs at 3/s")
            #expect(response.errorCode == "RATE_LIMITED")
            #expect(response.header("Retry-After") == "1")
            let unknown = try await client.get("/api/portal/unknown")
            #expect(unknown.status == 404 || unknown.status == 429)
        }
    }

    @Test func logsNeverContainPasswordsTokensOrCookies() async throws {
        let output = try await PortalProcess.with(["--seed", "demo", "--bcrypt-cost", "4", "--log-level", "trace"]) { (portal: PortalProcess) async throws in
            let client = TestClient(baseURL: portal.baseURL)
            _ = try await client.post(Routes.login, json: ["email": "rep@northwind.test", "password": "a-wrong-password-xyz"])
            _ = try await client.post(Routes.login, json: ["email": "rep@northwind.test", "password": .string(SeedDataset.demoPassword)])
            _ = try await client.post(Routes.refresh)
            _ = try await client.get(Routes.orders)
            _ = try await client.send("POST", Routes.cartItems, body: Data("{broken".utf8))
            let tokens = [client.cookie("accessToken")?.value, client.cookie("refreshToken")?.value].compactMap { $0 }
            _ = try await client.post(Routes.logout)
            return (portal.output(), tokens)
        }
        let (log, tokens) = output
        #expect(!log.isEmpty)
        #expect(tokens.count == 2)
        #expect(!log.contains("a-wrong-password-xyz"))
        #expect(!log.contains(SeedDataset.demoPassword))
        for token in tokens {
            #expect(!log.contains(token))
            #expect(!log.contains(String(token.split(separator: ".")[2])), "a token's signature is in the log")
        }
    }
}
