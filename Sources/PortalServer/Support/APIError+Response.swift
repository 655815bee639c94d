import Hummingbird
import PortalAPI

extension APIError: HTTPResponseError {
    var status: HTTPResponse.Status { HTTPResponse.Status(code: statusOverride ?? code.httpStatus) }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        if let allow { headers[.allow] = allow.joined(separator: ", ") }
        let envelope = ErrorEnvelope(code: code, message: message, details: details)
        return JSONBody.response(envelope, status: status, headers: headers)
    }
}
