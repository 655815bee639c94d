import Foundation
import JWTKit
import PortalAPI
import PortalTestSupport
import Testing
@testable import PortalServer

@Suite("Authentication over HTTP")
struct AuthTests {
    @Test func loginSetsBothCookiesWithTheContractsAttributes() async throws {
        try await withServer { server in
            let client = server.client()
            let response = try await client.post(Routes.login, json: ["email": "rep@northwind.test", "password": .string(TestServer.password)])
            #expect(response.status == 200)
            #expect(response.json["success"] == .bool(true))
            #expect(response.json["user"]?["email"] == "rep@northwind.test")
            #expect(response.json["user"]?["lastLoginAt"] != nil)
            let cookies = response.headers(named: "Set-Cookie")
            let access = try #require(cookies.first { $0.hasPrefix("accessToken=") })
            let refresh = try #require(cookies.first { $0.hasPrefix("refreshToken=") })
            for attribute in ["HttpOnly", "Path=/", "SameSite=Lax", "Max-Age=900"] {
                #expect(access.contains(attribute), "\(attribute) missing")
            }
            for attribute in ["HttpOnly", "Path=/api/portal/auth", "SameSite=Strict", "Max-Age=604800"] {
                #expect(refresh.contains(attribute), "\(attribute) missing")
            }
            #expect(!access.contains("Secure"))

            let claims = try await Self.keys().verify(try #require(client.cookie("accessToken")?.value), as: AccessClaims.self)
            #expect(claims.exp.value.timeIntervalSince(claims.iat.value) == 900)
            #expect(claims.roles == ["sales_rep"])
            #expect(Set(claims.permissions) == Set(Role.salesRep.permissions.map(\.rawValue)))

            let me = try await client.get(Routes.me)
            #expect(me.status == 200)
            let payload = try me.data(MePayload.self)
            #expect(payload.user.email == "rep@northwind.test")
            #expect(payload.tenant.slug == "northwind")
            #expect(!payload.permissions.contains("webhooks:admin"))
        }
    }

    @Test func unknownEmailAndWrongPasswordGetTheSameAnswer() async throws {
        try await withServer { server in
            let unknown = try await server.client().post(Routes.login, json: ["email": "nobody@northwind.test", "password": "x"])
            let wrong = try await server.client().post(Routes.login, json: ["email": "rep@northwind.test", "password": "x"])
            #expect(unknown.status == 401)
            #expect(unknown.errorCode == "INVALID_CREDENTIALS")
            #expect(unknown.body == wrong.body)
            #expect(wrong.headers(named: "Set-Cookie").isEmpty)
        }
    }

    @Test func fiveFailuresLockTheEmailForThatAddressEvenWithTheRightPassword() async throws {
        try await withServer { server in
            for _ in 0..<5 {
                let response = try await server.client().post(Routes.login, json: ["email": "rep@northwind.test", "password": "wrong"])
                #expect(response.status == 401)
            }
            let locked = try await server.client().post(Routes.login, json: ["email": "rep@northwind.test", "password": .string(TestServer.password)])
            #expect(locked.status == 429)
            #expect(locked.errorCode == "RATE_LIMITED")
            let retryAfter = try #require(locked.header("Retry-After").flatMap(Int.init))
            #expect(retryAfter > 0 && retryAfter <= 900)
            // Another email is not affected.
            let other = try await server.client().post(Routes.login, json: ["email": "admin@northwind.test", "password": .string(TestServer.password)])
            #expect(other.status == 200)
        }
    }

    @Test func aSuccessfulLoginClearsTheFailureCount() async throws {
        try await withServer { server in
            for _ in 0..<4 {
                _ = try await server.client().post(Routes.login, json: ["email": "rep@northwind.test", "password": "wrong"])
            }
            _ = try await server.login("rep@northwind.test")
            for _ in 0..<4 {
                let response = try await server.client().post(Routes.login, json: ["email": "rep@northwind.test", "password": "wrong"])
                #expect(response.status == 401)
            }
        }
    }

    @Test func refreshRotatesTheRefreshTokenAndKeepsTheSession() async throws {
        try await withServer { server in
            let client = try await server.login("rep@northwind.test")
            let firstRefresh = try #require(client.cookie("refreshToken")?.value)
            let response = try await client.post(Routes.refresh)
            #expect(response.status == 200)
            let expiresAt = try response.data(RefreshPayload.self).accessTokenExpiresAt
            #expect(expiresAt > Date())
            let secondRefresh = try #require(client.cookie("refreshToken")?.value)
            #expect(secondRefresh != firstRefresh)
            let keys = await Self.keys()
            let first = try await keys.verify(firstRefresh, as: RefreshClaims.self)
            let second = try await keys.verify(secondRefresh, as: RefreshClaims.self)
            #expect(first.sessionId == second.sessionId)
            #expect(first.jti != second.jti)
            #expect(first.exp == second.exp, "refresh expiry is absolute, from login")
            let refreshCookie = try #require(response.headers(named: "Set-Cookie").first { $0.hasPrefix("refreshToken=") })
            #expect(refreshCookie.contains("Path=/api/portal/auth"))
            #expect(try await client.get(Routes.me).status == 200)
        }
    }

    @Test func aRecentlyRetiredRefreshTokenIsStillAccepted() async throws {
        try await withServer { server in
            let client = try await server.login("rep@northwind.test")
            let original = try #require(client.cookie("refreshToken")?.value)
            #expect(try await client.post(Routes.refresh).status == 200)
            // A second process still holding the original token refreshes within the grace period.
            let other = server.client()
            other.setCookie("refreshToken", original, path: Routes.refreshCookiePath)
            #expect(try await other.post(Routes.refresh).status == 200)
            #expect(try await client.get(Routes.me).status == 200)
        }
    }

    @Test func reusingARefreshTokenRetiredPastTheGraceRevokesTheSession() async throws {
        try await withServer({ $0.refreshGrace = 0 }) { server in
            let client = try await server.login("rep@northwind.test")
            let original = try #require(client.cookie("refreshToken")?.value)
            #expect(try await client.post(Routes.refresh).status == 200)
            try await Task.sleep(for: .milliseconds(1100))
            let thief = server.client()
            thief.setCookie("refreshToken", original, path: Routes.refreshCookiePath)
            let reuse = try await thief.post(Routes.refresh)
            #expect(reuse.status == 401)
            #expect(reuse.errorCode == "UNAUTHORIZED")
            // The whole session is gone, for the legitimate holder too.
            let me = try await client.get(Routes.me)
            #expect(me.status == 401)
            #expect(try await client.post(Routes.refresh).status == 401)
        }
    }

    @Test func logoutRevokesTheSessionAndExpiresBothCookies() async throws {
        try await withServer { server in
            let client = try await server.login("rep@northwind.test")
            let access = try #require(client.cookie("accessToken")?.value)
            let response = try await client.post(Routes.logout)
            #expect(response.status == 200)
            #expect(response.json["data"] == .object([:]))
            let cookies = response.headers(named: "Set-Cookie")
            #expect(cookies.contains { $0.hasPrefix("accessToken=;") && $0.contains("Max-Age=0") && $0.contains("Path=/;") })
            #expect(cookies.contains { $0.hasPrefix("refreshToken=;") && $0.contains("Max-Age=0") && $0.contains("Path=/api/portal/auth") })
            // The old access token no longer works, even though it has not expired.
            let replay = server.client()
            replay.setCookie("accessToken", access)
            #expect(try await replay.get(Routes.me).status == 401)
            // Logging out twice, or with no cookies, is fine.
            #expect(try await client.post(Routes.logout).status == 200)
            #expect(try await server.client().post(Routes.logout).status == 200)
        }
    }

    @Test func logoutWithOnlyARetiredRefreshTokenStillEndsTheSession() async throws {
        try await withServer { server in
            let client = try await server.login("rep@northwind.test")
            let retired = try #require(client.cookie("refreshToken")?.value)
            #expect(try await client.post(Routes.refresh).status == 200)
            let other = server.client()
            other.setCookie("refreshToken", retired, path: Routes.refreshCookiePath)
            #expect(try await other.post(Routes.logout).status == 200)
            #expect(try await client.get(Routes.me).status == 401)
        }
    }

    @Test func requestsWithoutAnAccessTokenAreUnauthorized() async throws {
        try await withServer { server in
            let response = try await server.client().get(Routes.orders)
            #expect(response.status == 401)
            #expect(response.errorCode == "UNAUTHORIZED")
        }
    }

    @Test func anExpiredAccessTokenIsTokenExpired() async throws {
        try await withServer { server in
            let client = try await server.login("rep@northwind.test")
            let claims = try await Self.keys().verify(try #require(client.cookie("accessToken")?.value), as: AccessClaims.self)
            var expired = claims
            expired.iat = .init(value: Date().addingTimeInterval(-1000))
            expired.exp = .init(value: Date().addingTimeInterval(-100))
            client.setCookie("accessToken", try await Self.keys().sign(expired))
            let response = try await client.get(Routes.me)
            #expect(response.status == 401)
            #expect(response.errorCode == "TOKEN_EXPIRED")
        }
    }

    @Test func forgedTokensAreRefused() async throws {
        try await withServer { server in
            let client = try await server.login("rep@northwind.test")
            let token = try #require(client.cookie("accessToken")?.value)
            let parts = token.split(separator: ".").map(String.init)
            // alg: none with the same payload and no signature.
            let noneHeader = Data(#"{"alg":"none","typ":"JWT"}"#.utf8).base64EncodedString()
                .replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            let forgeries = [
                "\(noneHeader).\(parts[1]).",
                "\(parts[0]).\(parts[1]).\(String(parts[2].reversed()))",
                try await JWTKeyCollection().add(hmac: HMACKey(from: String(repeating: "k", count: 40)), digestAlgorithm: .sha256)
                    .sign(try await Self.keys().verify(token, as: AccessClaims.self)),
                "not-a-token",
            ]
            for forged in forgeries {
                let attacker = server.client()
                attacker.setCookie("accessToken", forged)
                let response = try await attacker.get(Routes.me)
                #expect(response.status == 401, "\(forged.prefix(20)) was accepted")
                #expect(response.errorCode == "UNAUTHORIZED")
            }
        }
    }

    @Test func rolesGrantTheirPermissionsAndMissingOnesAreForbidden() async throws {
        try await withServer { server in
            let viewer = try await server.login("viewer@northwind.test")
            #expect(try await viewer.get(Routes.orders).status == 200)
            #expect(try await viewer.get(Routes.cart).status == 200, "reading the cart needs a login only")
            let add = try await viewer.post(Routes.cartItems, json: ["productId": "anything", "quantity": 1])
            #expect(add.status == 403)
            #expect(add.errorCode == "FORBIDDEN")
            let order = try await viewer.post(Routes.orders, json: ["customerId": "x", "lines": []], headers: [("Idempotency-Key", UUID().uuidString)])
            #expect(order.status == 403, "403 comes before 400")
            let admin = try await server.login("admin@northwind.test")
            #expect(try await admin.get(Routes.me).data(MePayload.self).permissions.contains("webhooks:admin"))
        }
    }

    static func keys() async -> JWTKeyCollection {
        await JWTKeyCollection().add(hmac: HMACKey(from: TestServer.secret), digestAlgorithm: .sha256)
    }
}
