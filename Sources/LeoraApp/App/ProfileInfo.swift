/// What the app shows of a profile: its name, its server, and the account to prefill at login.
public struct ProfileInfo: Sendable, Equatable {
    public var name: String
    public var server: String
    public var email: String?

    public init(name: String, server: String, email: String? = nil) {
        self.name = name
        self.server = server
        self.email = email
    }
}
