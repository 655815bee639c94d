import Foundation
import JWTKit
import PortalAPI
import PortalTestSupport
import Testing
@testable import PortalServer

/// The session, not the token, says who the caller is and what they may do now.
@Suite("Session authority")
struct SessionAuthorityTests {
    @Test func aDemotedAdminLosesAdminRightsAtOnce() async throws {
        try await withServer { server in
            let admin = try await server.login("admin@northwind.test")
            #expect(try await admin.get(Routes.webhookSubscriptions).status == 200)
            let database = server.database()
            let viewer = database.backend == .sqlite ? #"'["viewer"]'"# : "ARRAY['viewer']"
            try await database.execute("UPDATE users SET roles = \(viewer) WHERE email = 'admin@northwind.test'")
            let after = try await admin.get(Routes.webhookSubscriptions)
            #expect(after.status == 403, "the old token's roles no longer count")
            #expect(try await admin.get(Routes.orders).status == 200, "the session itself stays")
        }
    }

    @Test func aTokenNamingAnotherTenantOrUserThanItsSessionIsRefused() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            let claims = try await AuthTests.keys().verify(try #require(rep.cookie("accessToken")?.value), as: AccessClaims.self)
            let fjord = try await server.login("rep@fjord.test")
            let fjordClaims = try await AuthTests.keys().verify(try #require(fjord.cookie("accessToken")?.value), as: AccessClaims.self)
            var otherTenant = claims
            otherTenant.tenantId = fjordClaims.tenantId
            var otherUser = claims
            otherUser.userId = fjordClaims.userId
            for forged in [otherTenant, otherUser] {
                let attacker = server.client()
                attacker.setCookie("accessToken", try await AuthTests.keys().sign(forged))
                #expect(try await attacker.get(Routes.orders).status == 401)
            }
        }
    }

    @Test func tokensFromTheFutureAreRefused() async throws {
        try await withServer { server in
            let rep = try await server.login("rep@northwind.test")
            let claims = try await AuthTests.keys().verify(try #require(rep.cookie("accessToken")?.value), as: AccessClaims.self)
            var issuedLater = claims
            issuedLater.iat = .init(value: Date().addingTimeInterval(3600))
            var notYet = claims
            notYet.nbf = .init(value: Date().addingTimeInterval(3600))
            for forged in [issuedLater, notYet] {
                let attacker = server.client()
                attacker.setCookie("accessToken", try await AuthTests.keys().sign(forged))
                let response = try await attacker.get(Routes.orders)
                #expect(response.status == 401)
                #expect(response.errorCode == "UNAUTHORIZED")
            }
        }
    }
}
