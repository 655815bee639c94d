import HummingbirdBcrypt
import NIOPosix

/// bcrypt, run on NIO's thread pool so the event loops stay free.
struct PasswordHasher: Sendable {
    let cost: UInt8
    /// A hash of the configured cost to compare against when the email is unknown, so an unknown
    /// account takes as long to refuse as a wrong password.
    let unknownUserHash: String

    init(cost: UInt8) {
        self.cost = cost
        self.unknownUserHash = Bcrypt.hash("unknown-user-placeholder", cost: cost)
    }

    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}
