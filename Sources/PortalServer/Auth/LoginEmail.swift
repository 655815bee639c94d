import PortalAPI

/// The one normalised form of a login email: the limiter's key and the account lookup use the
/// same string, so no spelling of an address escapes the limit.
enum LoginEmail {
    /// RFC 5321's limit on a forward path.
    static let maximumLength = 254

    static func normalised(_ email: String) throws -> String {
        let trimmed = email.trimmingCharacters(in: .whitespaces).lowercased()
        guard !trimmed.isEmpty else { throw APIError.validation(field: "email", "email is required") }
        guard trimmed.utf8.count <= maximumLength else {
            throw APIError.validation(field: "email", "email must be at most \(maximumLength) characters")
        }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.isWhitespace }) else {
            throw APIError.validation(field: "email", "email must not contain spaces or control characters")
        }
        return trimmed
    }
}
