import Foundation
import HTTPTypes
import Hummingbird
import PortalAPI

/// The `Idempotency-Key` header: a UUID, required where the contract says so.
enum IdempotencyKey {
    static func require(_ request: Request) throws -> String {
        guard let name = HTTPField.Name(Wire.idempotencyKey), let value = request.headers[name] else {
            throw APIError.validation(field: Wire.idempotencyKey, "The Idempotency-Key header is required")
        }
        guard let uuid = UUID(uuidString: value.trimmingCharacters(in: .whitespaces)) else {
            throw APIError.validation(field: Wire.idempotencyKey, "The Idempotency-Key header must be a UUID")
        }
        return uuid.uuidString.lowercased()
    }
}
