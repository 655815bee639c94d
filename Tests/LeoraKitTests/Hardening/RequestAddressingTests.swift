import Foundation
import LeoraKit
import PortalAPI
import PortalTestSupport
import Testing

/// Ids reach the server as one path segment, whatever they hold, and server addresses carry no credentials.
@Suite("Request addressing")
struct RequestAddressingTests {
    @Test(arguments: ["..", ".", "a/../../cancel", "%2E%2E", "ord?x=1", "ord#frag"])
    func anIdIsAlwaysOneSegmentOfItsRoute(id: String) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try await withServer { server in
            let store = server.sessionStore(in: directory)
            _ = try await store.login(email: "rep@northwind.test", password: TestServer.password)
            do {
                _ = try await store.perform { client in try await client.cancelOrder(id: id, idempotencyKey: UUID().uuidString) }
                Issue.record("cancelling \(id) succeeded")
            } catch let error as PortalError {
                // The orders/{id}/cancel route answered (the order is unknown), not some other path.
                guard case .server(404, _, let message, _, _) = error else {
                    Issue.record("\(id): \(error)")
                    return
                }
                #expect(message == "Order not found", "\(id) reached another route: \(message)")
            }
        }
    }

    @Test func aServerAddressWithCredentialsIsAUsageErrorThatNeverEchoesThem() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let leora = LeoraCommand(server: "http://maya:s3cret-pass@127.0.0.1:9", stateDirectory: directory.url)
        for arguments in [["whoami"], ["health"], ["login", "--email", "rep@northwind.test", "--password-stdin"]] {
            let result = try await leora.run(arguments, input: "leora-demo\n")
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(!(result.stdout + result.stderr).contains("s3cret-pass"))
            #expect(result.stderr.contains("must not contain a user name or password"))
        }
        let files = (FileManager.default.enumerator(atPath: directory.url.path)?.allObjects as? [String]) ?? []
        for file in files {
            let text = (try? String(contentsOfFile: directory.url.appendingPathComponent(file).path, encoding: .utf8)) ?? ""
            #expect(!text.contains("s3cret-pass"), "\(file) keeps the password")
        }
    }
}
