import Foundation
import LeoraKit
import PortalAPI
import PortalTestSupport
import Synchronization

/// A transport that counts the requests it forwards, by path.
final class CountingTransport: HTTPTransport {
    let inner: any HTTPTransport
    private let counts = Mutex<[String: Int]>([:])
    private let statusLog = Mutex<[String: [Int]]>([:])

    init(_ inner: any HTTPTransport = CurlTransport()) { self.inner = inner }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        let path = URL(string: request.url)?.path ?? request.url
        counts.withLock { $0["\(request.method) \(path)", default: 0] += 1 }
        let response = try await inner.send(request)
        statusLog.withLock { $0["\(request.method) \(path)", default: []].append(response.status) }
        return response
    }

    func cookies() -> [StoredCookie] { inner.cookies() }
    func replaceCookies(with cookies: [StoredCookie]) { inner.replaceCookies(with: cookies) }

    func count(_ method: String, _ path: String) -> Int { counts.withLock { $0["\(method) \(path)"] ?? 0 } }
    var refreshes: Int { count("POST", Routes.refresh) }
    /// Statuses answered to `method path`, in order.
    func statuses(_ method: String, _ path: String) -> [Int] { statusLog.withLock { $0["\(method) \(path)"] ?? [] } }
}

/// A temporary state directory for session files.
struct TemporaryDirectory {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("leora-kit-\(UUID().uuidString)")

    func remove() { try? FileManager.default.removeItem(at: url) }
}

extension TestServer {
    /// A session store with its own cookie engine, sharing `directory`'s session file.
    func sessionStore(in directory: TemporaryDirectory, transport: CountingTransport = CountingTransport()) -> SessionStore {
        SessionStore(client: PortalClient(server: URL(string: baseURL)!, transport: transport), file: SessionFile(directory: directory.url))
    }
}
