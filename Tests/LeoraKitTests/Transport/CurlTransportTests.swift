import Foundation
import PortalAPI
import PortalTestSupport
import Testing

@testable import LeoraKit

/// `CurlTransport` over real loopback connections: the reference portal for the cookie engine,
/// `EchoServer` for what the portal cannot show (headers received, gzip, hanging answers). The time limit
/// catches a hang (a blocked cooperative pool); it is minutes because in the whole suite on two cores a
/// test's portal can wait two minutes to be seeded and answer (the CI of stop 18: five of these at 120 s).
@Suite(.timeLimit(.minutes(5)))
struct CurlTransportTests {
    static let demoLogin = Data(#"{"email":"rep@northwind.test","password":"leora-demo"}"#.utf8)

    // MARK: - Cookies with the real portal

    @Test func loginThenMeGoesThroughTheCookieEngine() async throws {
        try await withServer { server in
            let transport = CurlTransport()
            let login = try await transport.send(.init(method: "POST", url: server.baseURL + Routes.login, body: Self.demoLogin))
            #expect(login.status == 200)
            #expect(login.headers.filter { $0.name.lowercased() == "set-cookie" }.count == 2)

            let me = try await transport.send(.init(method: "GET", url: server.baseURL + Routes.me))
            #expect(me.status == 200, "\(String(decoding: me.body, as: UTF8.self))")

            let anonymous = try await CurlTransport().send(.init(method: "GET", url: server.baseURL + Routes.me))
            #expect(anonymous.status == 401)
        }
    }

    @Test func cookiesShowPathsFlagsAndTheExpiryRecordedOnArrival() async throws {
        try await withServer { server in
            let transport = CurlTransport()
            let before = Date()
            _ = try await transport.send(.init(method: "POST", url: server.baseURL + Routes.login, body: Self.demoLogin))
            let cookies = transport.cookies()
            let access = try #require(cookies.first { $0.name == Wire.accessCookie })
            let refresh = try #require(cookies.first { $0.name == Wire.refreshCookie })
            #expect(access.domain == "127.0.0.1")
            #expect(access.path == "/")
            #expect(access.httpOnly)
            #expect(!access.secure)
            #expect(!access.includeSubdomains)
            let expires = try #require(access.expires)
            // Max-Age=900 from when the response arrived; generous bounds for a loaded machine.
            #expect(expires.timeIntervalSince(before) > 900 - 5)
            #expect(expires.timeIntervalSince(before) < 900 + 120)
            #expect(refresh.path == Routes.refreshCookiePath)
            #expect(refresh.httpOnly)
            #expect(!refresh.value.isEmpty)
        }
    }

    @Test func exportedCookiesLetAnotherTransportContinueTheSession() async throws {
        try await withServer { server in
            let first = CurlTransport()
            _ = try await first.send(.init(method: "POST", url: server.baseURL + Routes.login, body: Self.demoLogin))
            let saved = first.cookies()
            // As the session file stores them.
            let decoded = try JSONDecoder().decode([StoredCookie].self, from: JSONEncoder().encode(saved))

            let second = CurlTransport()
            second.replaceCookies(with: decoded)
            #expect(Set(second.cookies().map(\.name)) == [Wire.accessCookie, Wire.refreshCookie])
            let me = try await second.send(.init(method: "GET", url: server.baseURL + Routes.me))
            #expect(me.status == 200)

            second.replaceCookies(with: [])
            #expect(second.cookies().isEmpty)
            let afterClearing = try await second.send(.init(method: "GET", url: server.baseURL + Routes.me))
            #expect(afterClearing.status == 401)
        }
    }

    @Test func refreshRotatesTheTokenAndTheNewOneIsSentNext() async throws {
        try await withServer { server in
            let transport = CurlTransport()
            _ = try await transport.send(.init(method: "POST", url: server.baseURL + Routes.login, body: Self.demoLogin))
            let original = transport.cookies().first { $0.name == Wire.refreshCookie }?.value
            for _ in 0..<3 {
                let refreshed = try await transport.send(.init(method: "POST", url: server.baseURL + Routes.refresh))
                #expect(refreshed.status == 200)
            }
            let rotated = transport.cookies().first { $0.name == Wire.refreshCookie }?.value
            #expect(rotated != nil && rotated != original)
            let me = try await transport.send(.init(method: "GET", url: server.baseURL + Routes.me))
            #expect(me.status == 200)
        }
    }

    @Test func logoutsMaxAgeZeroDeletesBothCookies() async throws {
        try await withServer { server in
            let transport = CurlTransport()
            _ = try await transport.send(.init(method: "POST", url: server.baseURL + Routes.login, body: Self.demoLogin))
            #expect(transport.cookies().count == 2)
            let logout = try await transport.send(.init(method: "POST", url: server.baseURL + Routes.logout))
            #expect(logout.status == 200 || logout.status == 204)
            #expect(transport.cookies().isEmpty)
            let me = try await transport.send(.init(method: "GET", url: server.baseURL + Routes.me))
            #expect(me.status == 401)
        }
    }

    // MARK: - Cookies with the echo server

    @Test func cookiesAreSentOnlyUnderTheirPath() async throws {
        try await withEchoServer { server in
            let transport = CurlTransport()
            _ = try await transport.send(
                .init(
                    method: "GET", url: server.baseURL + "/set",
                    headers: [
                        Header("X-Set-Cookie", "refreshToken=r1; Path=/api/portal/auth; HttpOnly"),
                        Header("X-Set-Cookie", "accessToken=a1; Path=/; Max-Age=900; HttpOnly"),
                    ]))
            _ = try await transport.send(.init(method: "GET", url: server.baseURL + "/api/portal/orders"))
            _ = try await transport.send(.init(method: "POST", url: server.baseURL + "/api/portal/auth/refresh"))

            let orders = try #require(server.requests(to: "/api/portal/orders").first)
            #expect(orders.cookies == ["accessToken": "a1"])
            let refresh = try #require(server.requests(to: "/api/portal/auth/refresh").first)
            #expect(refresh.cookies == ["accessToken": "a1", "refreshToken": "r1"])
        }
    }

    @Test func maxAgeZeroAndPastExpiryDelete() async throws {
        try await withEchoServer { server in
            let transport = CurlTransport()
            _ = try await transport.send(
                .init(method: "GET", url: server.baseURL + "/set", headers: [Header("X-Set-Cookie", "doomed=1; Path=/; Max-Age=600")]))
            #expect(transport.cookies().map(\.name) == ["doomed"])

            _ = try await transport.send(
                .init(
                    method: "GET", url: server.baseURL + "/set",
                    headers: [
                        Header("X-Set-Cookie", "doomed=; Path=/; Max-Age=0"),
                        Header("X-Set-Cookie", "old=1; Path=/; Expires=Thu, 01 Jan 2015 00:00:00 GMT"),
                    ]))
            #expect(transport.cookies().isEmpty)
            _ = try await transport.send(.init(method: "GET", url: server.baseURL + "/check"))
            let check = try #require(server.requests(to: "/check").first)
            #expect(check.cookies.isEmpty)
        }
    }

    @Test func replacingWithExpiredOrSessionCookies() async throws {
        try await withEchoServer { server in
            let transport = CurlTransport()
            transport.replaceCookies(with: [
                StoredCookie(domain: "127.0.0.1", path: "/", name: "session", value: "s", expires: nil),
                StoredCookie(domain: "127.0.0.1", path: "/", name: "expired", value: "e", expires: Date(timeIntervalSinceNow: -60)),
            ])
            let cookies = transport.cookies()
            #expect(cookies.map(\.name) == ["session"])
            #expect(cookies.first?.expires == nil)
            _ = try await transport.send(.init(method: "GET", url: server.baseURL + "/check"))
            #expect(server.requests(to: "/check").first?.cookies == ["session": "s"])
        }
    }

    /// Every handle uses one jar: a cookie set by one response is sent by a request that runs while
    /// another is still in flight, and the in-flight one's own answer updates the jar for the next.
    @Test func concurrentRequestsShareOneJar() async throws {
        try await withEchoServer { server in
            let transport = CurlTransport()
            let held = Task {
                try await transport.send(
                    .init(method: "GET", url: server.baseURL + "/hold", headers: [Header("X-Set-Cookie", "token=v3; Path=/")]))
            }
            try await waitUntil { !server.requests(to: "/hold").isEmpty }

            _ = try await transport.send(
                .init(method: "POST", url: server.baseURL + "/set", headers: [Header("X-Set-Cookie", "token=v2; Path=/")]))
            _ = try await transport.send(.init(method: "GET", url: server.baseURL + "/during"))
            #expect(server.requests(to: "/during").first?.cookies["token"] == "v2")

            server.release()
            #expect(try await held.value.status == 200)
            _ = try await transport.send(.init(method: "GET", url: server.baseURL + "/after"))
            #expect(server.requests(to: "/after").first?.cookies["token"] == "v3")
        }
    }

    // MARK: - Requests as sent

    @Test func contentTypeOnlyWithABodyAndNeverExpect() async throws {
        try await withEchoServer { server in
            let transport = CurlTransport()
            // Large enough that libcurl would otherwise ask for `100 Continue`.
            let large = Data(repeating: UInt8(ascii: "a"), count: 2 << 20)
            _ = try await transport.send(.init(method: "POST", url: server.baseURL + "/with-body", body: large))
            _ = try await transport.send(.init(method: "PATCH", url: server.baseURL + "/patch", body: Data(#"{"q":1}"#.utf8)))
            _ = try await transport.send(.init(method: "POST", url: server.baseURL + "/no-body"))
            _ = try await transport.send(.init(method: "DELETE", url: server.baseURL + "/delete"))
            _ = try await transport.send(.init(method: "GET", url: server.baseURL + "/get"))
            _ = try await transport.send(
                .init(method: "PUT", url: server.baseURL + "/own-type", headers: [Header("Content-Type", "text/plain")], body: Data("x".utf8)))

            let withBody = try #require(server.requests(to: "/with-body").first)
            #expect(withBody.method == "POST")
            #expect(withBody.values("Content-Type") == ["application/json"])
            #expect(withBody.value("Expect") == nil)
            #expect(withBody.body == large)

            let patch = try #require(server.requests(to: "/patch").first)
            #expect(patch.method == "PATCH")
            #expect(patch.values("Content-Type") == ["application/json"])
            #expect(patch.body == Data(#"{"q":1}"#.utf8))

            let noBody = try #require(server.requests(to: "/no-body").first)
            #expect(noBody.method == "POST")
            #expect(noBody.value("Content-Type") == nil)
            #expect(noBody.body.isEmpty)

            for path in ["/delete", "/get"] {
                let request = try #require(server.requests(to: path).first)
                #expect(request.value("Content-Type") == nil, "\(path)")
                #expect(request.value("Expect") == nil, "\(path)")
            }
            #expect(server.requests(to: "/delete").first?.method == "DELETE")
            #expect(server.requests(to: "/own-type").first?.values("Content-Type") == ["text/plain"])
        }
    }

    @Test func userAgentAndCallerHeaders() async throws {
        try await withEchoServer { server in
            _ = try await CurlTransport().send(
                .init(method: "GET", url: server.baseURL + "/default", headers: [Header("If-None-Match", "\"v1\"")]))
            _ = try await CurlTransport(userAgent: "leora/9.9 (test)").send(.init(method: "GET", url: server.baseURL + "/custom"))
            let request = try #require(server.requests(to: "/default").first)
            #expect(request.value("User-Agent") == "leora/\(LeoraVersion.current)")
            #expect(request.value("If-None-Match") == "\"v1\"")
            #expect(server.requests(to: "/custom").first?.value("User-Agent") == "leora/9.9 (test)")
        }
    }

    @Test func gzipResponsesAreDecoded() async throws {
        try await withEchoServer { server in
            let response = try await CurlTransport().send(.init(method: "GET", url: server.baseURL + "/gzip"))
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self) == EchoServer.gzipText)
            let request = try #require(server.requests(to: "/gzip").first)
            #expect(request.value("Accept-Encoding")?.contains("gzip") == true)
        }
    }

    @Test func redirectsAreNotFollowedAndHeadersAreThoseOfTheResponse() async throws {
        try await withEchoServer { server in
            let response = try await CurlTransport().send(
                .init(
                    method: "GET", url: server.baseURL + "/redirect",
                    headers: [Header("X-Set-Cookie", "a=1; Path=/"), Header("X-Set-Cookie", "b=2; Path=/")]))
            #expect(response.status == 302)
            #expect(response.header("location") == "/echo")
            #expect(response.headers.filter { $0.name.lowercased() == "set-cookie" }.map(\.value) == ["a=1; Path=/", "b=2; Path=/"])
            #expect(String(decoding: response.body, as: UTF8.self) == "moved")
            #expect(server.requests(to: "/echo").isEmpty)
        }
    }

    // MARK: - Failures

    @Test func aRefusedConnectionCannotConnect() async throws {
        // Port 1 (tcpmux) has no listener here; a listener would need root.
        await #expect {
            _ = try await CurlTransport().send(.init(method: "GET", url: "http://127.0.0.1:1/"))
        } throws: { error in
            guard case .cannotConnect(let message) = error as? TransportError else { return false }
            return !message.isEmpty && !message.contains("127.0.0.1")
        }
    }

    @Test func anUnresolvableHostCannotConnect() async throws {
        await #expect {
            _ = try await CurlTransport().send(.init(method: "GET", url: "http://leora-test.invalid/"))
        } throws: { error in
            if case .cannotConnect = error as? TransportError { return true }
            return false
        }
    }

    @Test func aSlowAnswerTimesOut() async throws {
        try await withEchoServer { server in
            await #expect(throws: TransportError.timedOut) {
                _ = try await CurlTransport(totalTimeout: 1).send(.init(method: "GET", url: server.baseURL + "/slow"))
            }
        }
    }

    /// The slow endpoint answers only after 60 s and the transport's own timeout is 30 s, so
    /// `.cancelled` can only come from the cancellation.
    @Test func cancellingTheTaskCancelsTheTransfer() async throws {
        try await withEchoServer { server in
            let transport = CurlTransport()
            let task = Task { try await transport.send(.init(method: "GET", url: server.baseURL + "/slow")) }
            try await waitUntil { !server.requests(to: "/slow").isEmpty }
            task.cancel()
            await #expect(throws: TransportError.cancelled) { _ = try await task.value }

            // The transport still works afterwards.
            let after = try await transport.send(.init(method: "GET", url: server.baseURL + "/after"))
            #expect(after.status == 200)
        }
    }

    @Test func anAlreadyCancelledTaskSendsNothing() async throws {
        try await withEchoServer { server in
            let transport = CurlTransport()
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await transport.send(.init(method: "GET", url: server.baseURL + "/never"))
            }
            await #expect(throws: TransportError.cancelled) { _ = try await task.value }
        }
    }

    /// Eight requests in flight at once (more than the cooperative pool's threads; six of them at the
    /// server, the others waiting their turn) while unrelated tasks keep running: nothing blocks
    /// the pool. A blocked pool would hang, caught by the time limit.
    @Test func requestsNeverBlockTheCooperativePool() async throws {
        try await withEchoServer { server in
            let transport = CurlTransport()
            let requests = (0..<8).map { index in
                Task { try await transport.send(.init(method: "GET", url: server.baseURL + "/hold", headers: [Header("X-Index", "\(index)")])) }
            }
            try await waitUntil { server.requests(to: "/hold").count == CurlTransferSettings.maximumTransfers }

            let unrelated = await withTaskGroup(of: Int.self) { group in
                for value in 1...16 { group.addTask { value } }
                return await group.reduce(0, +)
            }
            #expect(unrelated == 136)

            server.release()
            for request in requests {
                #expect(try await request.value.status == 200)
            }
            #expect(server.requests(to: "/hold").count == 8)
        }
    }

    /// A burst of requests (a held PgUp asks for a page at each step) has no more than six at the portal
    /// at once: the others wait their turn, then go out.
    @Test func aBurstOfRequestsHasAtMostSixAtThePortal() async throws {
        let limit = CurlTransferSettings.maximumTransfers
        #expect(limit == 6)
        try await withEchoServer { server in
            let transport = CurlTransport()
            let requests = (0..<12).map { index in
                Task { try await transport.send(.init(method: "GET", url: server.baseURL + "/hold", headers: [Header("X-Index", "\(index)")])) }
            }
            try await waitUntil { server.requests(to: "/hold").count == limit }
            // Without the limit the other six arrive within milliseconds.
            try await Task.sleep(for: .milliseconds(300))
            #expect(server.requests(to: "/hold").count == limit)
            server.release()
            for request in requests {
                #expect(try await request.value.status == 200)
            }
            #expect(server.requests(to: "/hold").count == 12)
            #expect(Set(server.requests(to: "/hold").compactMap { $0.value("X-Index") }).count == 12)
        }
    }

    /// A request waiting for its turn has not started: its timeout starts when it goes out, so a wait
    /// behind slow requests is never read as a timeout (which the app takes for being offline).
    @Test func aRequestsWaitForItsTurnDoesNotCountAgainstItsTimeout() async throws {
        try await withEchoServer { server in
            // Seconds, not less: the waiting request needs its own timeout's worth to be answered on a
            // loaded machine (one second timed out in CI while the suite ran).
            let transport = CurlTransport(totalTimeout: 3)
            let held = (0..<CurlTransferSettings.maximumTransfers).map { _ in
                Task { try await transport.send(.init(method: "GET", url: server.baseURL + "/hold")) }
            }
            try await waitUntil { server.requests(to: "/hold").count == CurlTransferSettings.maximumTransfers }
            let waiting = Task { try await transport.send(.init(method: "POST", url: server.baseURL + "/cart", body: Data("{}".utf8))) }
            // The held ones time out after three seconds; the waiting one then goes out with three of its own
            // (with the wait counted, it would time out with them).
            for request in held {
                await #expect(throws: TransportError.timedOut) { _ = try await request.value }
            }
            #expect(try await waiting.value.status == 200)
            #expect(server.requests(to: "/cart").count == 1)
        }
    }

    @Test func aBodyIsSizedFromItsContentLengthWhenNotEncoded() {
        #expect(ActiveTransfer.expectedBodyBytes([Header("Content-Type", "application/json"), Header("content-length", "48213")]) == 48_213)
        #expect(ActiveTransfer.expectedBodyBytes([Header("Content-Length", "1000"), Header("Content-Encoding", "gzip")]) == nil)
        #expect(ActiveTransfer.expectedBodyBytes([Header("Content-Length", "1000"), Header("Content-Encoding", "identity")]) == 1000)
        #expect(ActiveTransfer.expectedBodyBytes([Header("Content-Length", "999999999999")]) == 8 << 20, "a claimed size is capped")
        #expect(ActiveTransfer.expectedBodyBytes([Header("Transfer-Encoding", "chunked"), Header("Content-Length", "1000")]) == nil, "curl ignores the length then")
        for junk in ["", "-5", "0", "12abc", " "] {
            #expect(ActiveTransfer.expectedBodyBytes([Header("Content-Length", junk)]) == nil)
        }
        #expect(ActiveTransfer.expectedBodyBytes([]) == nil)
    }

    @Test func transportsCanBeCreatedAndDroppedFreely() async throws {
        try await withEchoServer { server in
            for _ in 0..<20 {
                let response = try await CurlTransport().send(.init(method: "GET", url: server.baseURL + "/once"))
                #expect(response.status == 200)
            }
        }
    }

    // MARK: - Netscape cookie lines

    @Test func netscapeLinesRoundTrip() throws {
        let line = "#HttpOnly_.example.com\tTRUE\t/api\tTRUE\t1900000000\tname\tva=lue"
        let cookie = try #require(StoredCookie(netscapeLine: line))
        #expect(
            cookie
                == StoredCookie(
                    domain: "example.com", path: "/api", name: "name", value: "va=lue", secure: true, httpOnly: true,
                    expires: Date(timeIntervalSince1970: 1_900_000_000), includeSubdomains: true))
        #expect(cookie.netscapeLine == line)

        let session = try #require(StoredCookie(netscapeLine: "127.0.0.1\tFALSE\t/\tFALSE\t0\tempty\t"))
        #expect(session.expires == nil && session.value == "" && !session.httpOnly && !session.includeSubdomains)
        #expect(session.netscapeLine == "127.0.0.1\tFALSE\t/\tFALSE\t0\tempty\t")

        #expect(StoredCookie(netscapeLine: "# Netscape HTTP Cookie File") == nil)
        #expect(StoredCookie(netscapeLine: "too\tfew") == nil)
        #expect(StoredCookie(domain: "a.test", path: "/", name: "n", value: "bad\tvalue", expires: nil).netscapeLine == nil)
    }
}

/// Polls `condition` until it holds (or fails the test after a generous while).
private func waitUntil(_ condition: () -> Bool, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let deadline = ContinuousClock.now + .seconds(60)
    while !condition() {
        guard ContinuousClock.now < deadline else {
            Issue.record("condition never held", sourceLocation: sourceLocation)
            throw CancellationError()
        }
        try await Task.sleep(for: .milliseconds(10))
    }
}
