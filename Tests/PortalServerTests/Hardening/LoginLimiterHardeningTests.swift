import Foundation
import PortalAPI
import PortalTestSupport
import Testing
@testable import PortalServer

/// The login limiter cannot be bypassed or used to grow the server's memory, and an unknown
/// account costs as much to refuse as a known one.
@Suite("Login limiter hardening")
struct LoginLimiterHardeningTests {
    @Test func controlCharactersInTheEmailAreRefusedSoNoSpellingEscapesTheLimit() async throws {
        try await withServer { server in
            for email in ["rep@northwind.test\u{0}x", "rep@northwind.test\u{1b}", "rep@north\u{85}wind.test"] {
                let response = try await server.client().post(Routes.login, json: ["email": .string(email), "password": "wrong"])
                #expect(response.status == 400, "\(email.debugDescription) answered \(response.status)")
                #expect(response.errorField == "email")
            }
            // Case and surrounding spaces are one address: five failures spelled five ways lock it.
            for email in ["rep@northwind.test", "REP@northwind.test", " rep@northwind.test", "Rep@Northwind.Test ", "rep@NORTHWIND.test"] {
                let response = try await server.client().post(Routes.login, json: ["email": .string(email), "password": "wrong"])
                #expect(response.status == 401)
            }
            let locked = try await server.client().post(Routes.login, json: ["email": "rep@northwind.test", "password": .string(TestServer.password)])
            #expect(locked.status == 429)
        }
    }

    @Test func aConcurrentBurstIsCutAtTheLimit() async throws {
        try await withServer { server in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<40 {
                    group.addTask {
                        try await server.client().post(Routes.login, json: ["email": "rep@northwind.test", "password": "wrong"]).status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 401 }.count == 5, "only the limit's worth of guesses is evaluated: \(statuses)")
            #expect(statuses.filter { $0 == 429 }.count == 35)
        }
    }

    @Test func overlongEmailsAreRefusedBeforeTheLimiterStoresThem() async throws {
        try await withServer { server in
            let long = String(repeating: "a", count: 250) + "@x.test"
            let response = try await server.client().post(Routes.login, json: ["email": .string(long), "password": "wrong"])
            #expect(response.status == 400)
            #expect(response.errorField == "email")
        }
    }

    @Test func theLimiterStoreIsBoundedAndExpires() async throws {
        let limiter = LoginRateLimiter(window: 60, maxFailures: 5, capacity: 100)
        let start = Date(timeIntervalSince1970: 1_000_000)
        for index in 0..<1_000 {
            _ = try await limiter.reserve(email: "guess\(index)@x.test", address: "127.0.0.1", now: start.addingTimeInterval(Double(index) / 100))
        }
        #expect(await limiter.count <= 100, "never more than its capacity")
        // Every entry has expired a window later: the next newcomer sweeps them.
        _ = try await limiter.reserve(email: "late@x.test", address: "127.0.0.1", now: start.addingTimeInterval(600))
        for index in 0..<200 {
            _ = try await limiter.reserve(email: "again\(index)@x.test", address: "127.0.0.1", now: start.addingTimeInterval(600))
        }
        #expect(await limiter.count <= 100)
        // The pair being attacked stays limited while newcomers churn.
        for _ in 0..<5 { _ = try await limiter.reserve(email: "victim@x.test", address: "10.0.0.1", now: start.addingTimeInterval(700)) }
        await #expect(throws: APIError.self) { try await limiter.reserve(email: "victim@x.test", address: "10.0.0.1", now: start.addingTimeInterval(701)) }
    }

    @Test func theUnknownAccountHashHasTheConfiguredCost() {
        #expect(PasswordHasher(cost: 6).unknownUserHash.hasPrefix("$2b$06$"))
        #expect(PasswordHasher(cost: 4).unknownUserHash.hasPrefix("$2b$04$"))
    }
}
