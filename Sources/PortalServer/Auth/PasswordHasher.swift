import HummingbirdBcrypt
import NIOPosix

/// bcrypt, run on NIO's thread pool so the event loops stay free.
struct PasswordHasher: Sendable {
    var cost: UInt8

    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// A hash to compare against when the email is unknown, so both failures take the same time.
    static let unknownUserHash = Bcrypt.hash("unknown-user-placeholder", cost: 4)
}
