import Foundation
import Hummingbird
import PortalAPI

/// Reads JSON request bodies, turning every way they can be wrong into the contract's 400s.
enum RequestDecoding {
    static let maximumBodySize = 1 << 20

    /// The request's body, checked to be a JSON object sent as `application/json`. `emptyBody` stands in
    /// for a request without a body (checkout's `{}`); without it an empty body is `INVALID_JSON`.
    static func body(from request: Request, emptyBody: String? = nil) async throws -> Data {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maximumBodySize)
        } catch {
            throw APIError.bodyTooLarge(limit: maximumBodySize)
        }
        var data = Data(buffer: buffer)
        if data.isEmpty {
            guard let emptyBody else { throw APIError(.invalidJSON, "Request body must be a JSON object") }
            data = Data(emptyBody.utf8)
        } else if !isJSONContentType(request.headers[.contentType]) {
            throw APIError(.invalidJSON, "Request body must be sent as application/json")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            throw APIError(.invalidJSON, "Request body is not valid JSON")
        }
        guard object is [String: Any] else {
            throw APIError.validation(field: "body", "Request body must be a JSON object")
        }
        return data
    }

    /// Decodes a body read by `body(from:)`; a missing field or a wrong type is `VALIDATION_ERROR` naming the field,
    /// and so is a field holding a control character. Only the fields `T` reads are checked: the contract has
    /// servers ignore unknown request fields, whatever they hold.
    static func decode<T: Codable>(_ type: T.Type, from data: Data) throws -> T {
        let value: T
        do {
            value = try JSONBody.decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            throw validationError(error)
        }
        // Encoded again, the value holds exactly the fields it read, under their names in the request.
        if let known = try? JSONSerialization.jsonObject(with: JSONBody.encoder.encode(value)),
            let field = ControlCharacters.firstField(in: known)
        {
            throw APIError.validation(field: field, "\(field) must not contain control characters")
        }
        return value
    }

    static func decode<T: Codable>(_ type: T.Type, from request: Request) async throws -> T {
        try decode(type, from: try await body(from: request))
    }

    static func isJSONContentType(_ value: String?) -> Bool {
        guard let value else { return false }
        let mediaType = value.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        return mediaType == "application/json"
    }

    static func validationError(_ error: DecodingError) -> APIError {
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key])
            return .validation(field: field, "\(field) is required")
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            let field = path(context.codingPath)
            return .validation(field: field, "\(field) has the wrong type")
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            return .validation(field: field, "\(field) is not valid")
        @unknown default:
            return .validation(field: "body", "Request body is not valid")
        }
    }

    /// `lines[0].quantity` style paths.
    static func path(_ keys: [any CodingKey]) -> String {
        var result = ""
        for key in keys {
            if let index = key.intValue {
                result += "[\(index)]"
            } else {
                result += result.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return result.isEmpty ? "body" : result
    }
}
