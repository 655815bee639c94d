import Foundation
import HTTPTypes
import Hummingbird
import LeoraKit
import PortalAPI
import PortalTestSupport
import Synchronization
import Testing

/// A server cannot fill or poison the cookie jar: only the contract's two cookies stay, on their paths.
@Suite("Cookie jar hardening")
struct CookieJarTests {
    @Test func onlyTheContractsCookiesOnTheirPathsAreKept() async throws {
        let seenCookieHeader = Mutex("")
        let router = Router()
        router.post(RouterPath(Routes.login)) { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            headers.append(HTTPField(name: .setCookie, value: "accessToken=real-access; Path=/; Max-Age=900; HttpOnly"))
            headers.append(HTTPField(name: .setCookie, value: "refreshToken=real-refresh; Path=/api/portal/auth; Max-Age=600000; HttpOnly"))
            headers.append(HTTPField(name: .setCookie, value: "accessToken=shadow; Path=/api/portal/orders; Max-Age=900"))
            headers.append(HTTPField(name: .setCookie, value: "refreshToken=forever; Path=/; Expires=Wed, 01 Jan 2058 00:00:00 GMT"))
            headers.append(HTTPField(name: .setCookie, value: "big=\(String(repeating: "x", count: 5_000)); Path=/"))
            for index in 0..<25 { headers.append(HTTPField(name: .setCookie, value: "tracker\(index)=1; Path=/; Max-Age=99999999")) }
            let user = PortalUser(id: "usr_1", email: "rep@x.test", name: "Rep", tenantId: "ten_1", roles: ["sales_rep"], lastLoginAt: nil)
            let body = try PortalJSON.encoder().encode(LoginResponse(user: user))
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
        router.get(RouterPath(Routes.orders)) { request, _ -> Response in
            seenCookieHeader.withLock { $0 = request.headers[.cookie] ?? "" }
            return Response(status: .unauthorized)
        }
        let service = try await LoopbackService.start(router, label: "cookie-flood")
        let transport = CurlTransport()
        let client = PortalClient(server: URL(string: "http://127.0.0.1:\(service.port)")!, transport: transport)
        _ = try await client.login(email: "rep@x.test", password: "pw")
        let cookies = transport.cookies()
        #expect(cookies.map(\.name).sorted() == ["accessToken", "refreshToken"], "\(cookies.map(\.name))")
        #expect(cookies.first { $0.name == "accessToken" }?.path == "/")
        #expect(cookies.first { $0.name == "accessToken" }?.value == "real-access")
        #expect(cookies.first { $0.name == "refreshToken" }?.path == "/api/portal/auth")
        #expect(cookies.allSatisfy { ($0.expires ?? .distantFuture) < Date().addingTimeInterval(31 * 24 * 3600) })
        _ = try? await client.orders()
        #expect(seenCookieHeader.withLock { $0 } == "accessToken=real-access", "the shadowing cookie is not sent")
        await service.stop()
    }
}
