import HTTPTypes
import Hummingbird
import PortalAPI
import Foundation

/// Encoding of response bodies. Keys are sorted so that equal data gives equal bytes (and equal ETags).
enum JSONBody {
    static let encoder = PortalJSON.encoder(sortedKeys: true)
    static let decoder = PortalJSON.decoder()

    static func encode(_ value: some Encodable) -> ByteBuffer {
        do {
            return ByteBuffer(data: try encoder.encode(value))
        } catch {
            // Wire types always encode; this is a programming error, answered without detail.
            return ByteBuffer(string: #"{"error":{"code":"INTERNAL","message":"Internal server error"},"success":false}"#)
        }
    }

    static func response(_ value: some Encodable, status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        response(bytes: encode(value), status: status, headers: headers)
    }

    static func response(bytes: ByteBuffer, status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.xContentTypeOptions] = "nosniff"
        return Response(status: status, headers: headers, body: .init(byteBuffer: bytes))
    }
}

extension HTTPField.Name {
    /// Tells browsers not to guess another type for a JSON answer.
    static let xContentTypeOptions = Self("X-Content-Type-Options")!
}
