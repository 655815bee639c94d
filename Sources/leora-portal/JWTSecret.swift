import Foundation
import PortalServer

/// The HMAC secret: `LEORA_JWT_SECRET`, or one generated once and kept beside the database (mode 0600).
enum JWTSecret {
    struct TooShort: Error, CustomStringConvertible {
        var description: String { "LEORA_JWT_SECRET must be at least 32 bytes" }
    }

    struct Required: Error, CustomStringConvertible {
        var description: String {
            "LEORA_JWT_SECRET must be set (at least 32 bytes) with PostgreSQL: every instance on the database must sign with the same secret"
        }
    }

    static func load(environment: [String: String], database: DatabaseLocation) throws -> [UInt8] {
        if let secret = environment["LEORA_JWT_SECRET"], !secret.isEmpty {
            guard secret.utf8.count >= 32 else { throw TooShort() }
            return Array(secret.utf8)
        }
        guard case .sqlite(let databasePath) = database else { throw Required() }
        guard databasePath != ":memory:" else { return random() }
        let directory = URL(fileURLWithPath: databasePath).deletingLastPathComponent()
        let file = directory.appendingPathComponent("jwt-secret")
        if let existing = try? Data(contentsOf: file), existing.count >= 32 {
            return Array(existing)
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let secret = random()
        let created = FileManager.default.createFile(atPath: file.path, contents: Data(secret), attributes: [.posixPermissions: 0o600])
        guard created else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: file.path]) }
        return secret
    }

    private static func random() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<48).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
