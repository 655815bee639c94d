#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// A loopback HTTP proxy that forwards each request to the server and, for requests whose path
/// matches, throws the server's answer away and closes the connection: the request took effect
/// but its response was lost.
final class LossyProxy: Sendable {
    let port: UInt16
    private let listener: Int32
    private let upstreamPort: UInt16
    private let state: Mutex<(toLose: Int, lost: Int, forwarded: [String])>
    private let losePath: String

    init(upstream: String, losing count: Int, of path: String) throws {
        guard let url = URL(string: upstream), let upstreamPort = url.port else { throw POSIXError(.EINVAL) }
        self.upstreamPort = UInt16(upstreamPort)
        self.losePath = path
        self.state = Mutex((count, 0, []))
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        listen(descriptor, 16)
        var bound = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        port = UInt16(bigEndian: bound.sin_port)
        listener = descriptor
        Thread.detachNewThread { [self] in
            while true {
                let client = accept(descriptor, nil, nil)
                guard client >= 0 else { return }
                Thread.detachNewThread { self.serve(client) }
            }
        }
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var lost: Int { state.withLock { $0.lost } }
    /// Request lines forwarded, in order.
    var forwarded: [String] { state.withLock { $0.forwarded } }

    /// From now on every answer gets through: the outage is over.
    func stopLosing() { state.withLock { $0.toLose = 0 } }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func serve(_ client: Int32) {
        defer { close(client) }
        let upstream = connectUpstream()
        guard upstream >= 0 else { return }
        defer { close(upstream) }
        while let request = Self.readMessage(client, isResponse: false) {
            let requestLine = String(decoding: request.prefix { $0 != UInt8(ascii: "\r") }, as: UTF8.self)
            guard Self.writeAll(upstream, request), let response = Self.readMessage(upstream, isResponse: true) else { return }
            let lose = state.withLock { state -> Bool in
                state.forwarded.append(requestLine)
                guard requestLine.contains(" \(losePath)"), state.toLose > 0 else { return false }
                state.toLose -= 1
                state.lost += 1
                return true
            }
            if lose { return }
            guard Self.writeAll(client, response) else { return }
        }
    }

    private func connectUpstream() -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = upstreamPort.bigEndian
        let result = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        if result != 0 {
            close(descriptor)
            return -1
        }
        return descriptor
    }

    /// One HTTP/1.1 message with a `Content-Length` body (or none).
    private static func readMessage(_ descriptor: Int32, isResponse: Bool) -> [UInt8]? {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        var headerEnd: Int?
        var needed = Int.max
        while data.count < needed {
            let count = read(descriptor, &buffer, buffer.count)
            guard count > 0 else { return nil }
            data += buffer[0..<count]
            if headerEnd == nil, let end = find([13, 10, 13, 10], in: data) {
                headerEnd = end + 4
                let headers = String(decoding: data[0..<end], as: UTF8.self).lowercased()
                let length = headers.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                needed = end + 4 + length
            }
        }
        return data
    }

    private static func find(_ pattern: [UInt8], in data: [UInt8]) -> Int? {
        guard data.count >= pattern.count else { return nil }
        for index in 0...(data.count - pattern.count) where Array(data[index..<(index + pattern.count)]) == pattern {
            return index
        }
        return nil
    }

    private static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }
}
