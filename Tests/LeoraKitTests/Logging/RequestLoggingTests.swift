import Foundation
import Logging
import PortalAPI
import PortalTestSupport
import Testing

@testable import LeoraKit

/// What `leora` writes to its log file: each request's method, path, outcome and duration over
/// real HTTP, and never a token, a cookie or a password.
@Suite struct RequestLoggingTests {
    @Test func eachRequestIsLoggedWithItsOutcomeAndNoSecret() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.url.appendingPathComponent("state/leora/leora.log")
        let sink = FileLogSink(url: file)
        let logger = Logger(label: "leora.http") { label in FileLogHandler(label: label, sink: sink, level: .info) }
        try await withServer { server in
            let transport = LoggingTransport(CurlTransport(), logger: logger)
            let login = try await transport.send(
                .init(method: "POST", url: server.baseURL + Routes.login, body: Data(#"{"email":"rep@northwind.test","password":"leora-demo"}"#.utf8)))
            #expect(login.status == 200)
            let orders = try await transport.send(.init(method: "GET", url: server.baseURL + Routes.orders + "?page=2&limit=5"))
            #expect(orders.status == 200)
            _ = try await transport.send(.init(method: "GET", url: server.baseURL + "/api/portal/nowhere"))
            let cookies = transport.cookies().map(\.value)

            let text = try String(contentsOf: file, encoding: .utf8)
            let lines = text.split(separator: "\n").map(String.init)
            #expect(lines.count == 3)
            #expect(lines[0].hasSuffix(" bytes"))
            #expect(lines[0].range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info "#, options: .regularExpression) != nil)
            #expect(lines[0].contains("info leora.http: POST /api/portal/auth/login → 200 in "))
            #expect(lines[1].contains("GET /api/portal/orders?page=2&limit=5 → 200 in "))
            #expect(lines[1].hasSuffix(" bytes"))
            #expect(lines[2].contains("GET /api/portal/nowhere → 404 in "))
            #expect(!cookies.isEmpty)
            for secret in cookies + ["leora-demo"] { #expect(!text.contains(secret)) }
            let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
        // A refused connection is logged as such, with how long it took.
        let refused = LoggingTransport(CurlTransport(), logger: logger)
        await #expect(throws: TransportError.self) {
            _ = try await refused.send(.init(method: "GET", url: "http://127.0.0.1:9/api/health"))
        }
        let last = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.contains("warning leora.http: GET /api/health → cannot connect after "))
    }

    @Test func theFileRollsOverPastItsLimit() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.url.appendingPathComponent("leora.log")
        let sink = FileLogSink(url: file, maximumBytes: 200)
        let logger = Logger(label: "leora") { label in FileLogHandler(label: label, sink: sink, level: .debug) }
        for index in 0..<10 { logger.info("line \(index) of a log that grows past its limit") }
        let rolled = try String(contentsOf: file.appendingPathExtension("1"), encoding: .utf8)
        let current = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        #expect(rolled.contains("line"))
        #expect(current.utf8.count <= 200 + 120)
        #expect((rolled + current).contains("line 9 of"))
    }

    @Test func twoWritersInterleaveWholeLines() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.url.appendingPathComponent("leora.log")
        // Two sinks on one file stand for two running `leora` processes.
        let sinks = [FileLogSink(url: file), FileLogSink(url: file)]
        await withTaskGroup(of: Void.self) { group in
            for (index, sink) in sinks.enumerated() {
                group.addTask {
                    let line = String(repeating: Character(index == 0 ? "a" : "b"), count: 300)
                    for _ in 0..<500 { sink.write(line + "\n") }
                }
            }
        }
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1_000, "no line overwrote another")
        #expect(lines.allSatisfy { Set($0).count == 1 && $0.count == 300 }, "no line was spliced into another")
    }

    @Test func aSymlinkInPlaceOfTheLogIsNotFollowed() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let target = directory.url.appendingPathComponent("victim")
        try FileManager.default.createDirectory(at: directory.url, withIntermediateDirectories: true)
        try Data("untouched\n".utf8).write(to: target)
        let file = directory.url.appendingPathComponent("leora.log")
        try FileManager.default.createSymbolicLink(at: file, withDestinationURL: target)
        let logger = Logger(label: "leora") { label in FileLogHandler(label: label, sink: FileLogSink(url: file), level: .debug) }
        logger.info("this must not land in the link's target")
        #expect(try String(contentsOf: target, encoding: .utf8) == "untouched\n")
    }
}
