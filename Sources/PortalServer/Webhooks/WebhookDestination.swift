import Foundation
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// Where a webhook may be sent. A tenant's admin is not an operator: a subscription must not reach
/// the server's own machine or private network (loopback, private, link-local, carrier-grade NAT,
/// multicast, unspecified or reserved addresses, in every spelling `getaddrinfo` accepts, such as
/// `2130706433` or `0177.0.0.1`). Checked when a subscription is created and again before each
/// delivery, on the addresses the name resolves to then, and the delivery connects to the address
/// that was checked, so a name cannot be rebound to a private address in between.
struct WebhookDestination: Sendable, Equatable {
    /// The URL as the subscriber gave it.
    var url: URL
    var host: String
    /// A resolved address that passed the check, to connect to.
    var address: String

    /// Why a destination is refused, in words for the subscriber.
    struct Refusal: Error, Equatable, CustomStringConvertible {
        var description: String
    }

    /// Resolves and checks `urlText`; `allowPrivate` (a development setting) lets private and loopback through.
    static func resolve(_ urlText: String, allowPrivate: Bool) async throws -> WebhookDestination {
        guard let url = URL(string: urlText), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            var host = url.host, !host.isEmpty
        else { throw Refusal(description: "url must be an absolute http or https URL") }
        guard url.user == nil, url.password == nil else { throw Refusal(description: "url must not carry a user name or password") }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let lookup = host
        let addresses = try await NIOThreadPool.singleton.runIfActive { Self.addresses(of: lookup) }
        guard let first = addresses.first else { throw Refusal(description: "url's host \(host) could not be resolved") }
        if !allowPrivate, addresses.contains(where: { !NetworkAddress.isPublic($0) }) {
            throw Refusal(description: "url must not point at a loopback, private, link-local or reserved address")
        }
        return WebhookDestination(url: url, host: host, address: first.text)
    }

    /// Every address `getaddrinfo` gives for `host` (numeric spellings included).
    private static func addresses(of host: String) -> [NetworkAddress] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let list else { return [] }
        defer { freeaddrinfo(list) }
        var found: [NetworkAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = list
        while let entry = cursor {
            if let address = entry.pointee.ai_addr, let parsed = NetworkAddress(address) { found.append(parsed) }
            cursor = entry.pointee.ai_next
        }
        return found
    }
}

/// An IPv4 or IPv6 address as 4 or 16 bytes.
struct NetworkAddress: Sendable, Equatable {
    var bytes: [UInt8]

    init(bytes: [UInt8]) { self.bytes = bytes }

    init?(_ socketAddress: UnsafePointer<sockaddr>) {
        switch Int32(socketAddress.pointee.sa_family) {
        case AF_INET:
            let address = socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
            bytes = withUnsafeBytes(of: address) { Array($0) }
        case AF_INET6:
            let address = socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
            bytes = withUnsafeBytes(of: address) { Array($0) }
        default:
            return nil
        }
    }

    /// Dotted (IPv4) or colon (IPv6) notation.
    var text: String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        return stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }.joined(separator: ":")
    }

    /// Whether the address is on the public internet.
    static func isPublic(_ address: NetworkAddress) -> Bool {
        let b = address.bytes
        if b.count == 4 { return isPublicIPv4(b) }
        guard b.count == 16 else { return false }
        if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xff && b[11] == 0xff { return isPublicIPv4(Array(b[12...])) }  // ::ffff:a.b.c.d
        if b[0..<12].allSatisfy({ $0 == 0 }) { return false }  // ::, ::1 and the old IPv4-compatible form
        if b[0] == 0x00, b[1] == 0x64, b[2] == 0xff, b[3] == 0x9b { return isPublicIPv4(Array(b[12...])) }  // 64:ff9b::/96 (NAT64)
        if b[0] & 0xfe == 0xfc { return false }  // fc00::/7 unique local
        if b[0] == 0xfe, b[1] & 0xc0 == 0x80 || b[1] & 0xc0 == 0xc0 { return false }  // fe80::/10 link-local, fec0::/10 site-local
        if b[0] == 0xff { return false }  // multicast
        if b[0] == 0x20, b[1] == 0x01, b[2] == 0x0d, b[3] == 0xb8 { return false }  // documentation
        return true
    }

    private static func isPublicIPv4(_ b: [UInt8]) -> Bool {
        switch (b[0], b[1]) {
        case (0, _), (10, _), (127, _): return false  // this network, private, loopback
        case (100, 64...127): return false  // carrier-grade NAT
        case (169, 254): return false  // link-local (cloud metadata)
        case (172, 16...31), (192, 168): return false  // private
        case (192, 0) where b[2] == 0 || b[2] == 2: return false  // IETF protocol assignments, documentation
        case (198, 18...19): return false  // benchmarking
        case (198, 51) where b[2] == 100, (203, 0) where b[2] == 113: return false  // documentation
        case (224...255, _): return false  // multicast, reserved, broadcast
        default: return true
        }
    }
}
