import Foundation
import HTTPTypes
import Hummingbird
import PortalAPI

/// The two cookies exactly as the contract sets them.
struct AuthCookies: Sendable {
    /// Adds `Secure` (when serving over HTTPS).
    var secure: Bool

    func access(_ token: String, maxAge: Int) -> String {
        cookie(Wire.accessCookie, token, path: "/", sameSite: "Lax", maxAge: maxAge)
    }

    func refresh(_ token: String, maxAge: Int) -> String {
        cookie(Wire.refreshCookie, token, path: Routes.refreshCookiePath, sameSite: "Strict", maxAge: maxAge)
    }

    /// Both cookies expired, with the paths they were set with.
    var cleared: [String] {
        [
            cookie(Wire.accessCookie, "", path: "/", sameSite: "Lax", maxAge: 0),
            cookie(Wire.refreshCookie, "", path: Routes.refreshCookiePath, sameSite: "Strict", maxAge: 0),
        ]
    }

    private func cookie(_ name: String, _ value: String, path: String, sameSite: String, maxAge: Int) -> String {
        var attributes = ["\(name)=\(value)", "Max-Age=\(max(0, maxAge))", "Path=\(path)", "HttpOnly", "SameSite=\(sameSite)"]
        if secure { attributes.append("Secure") }
        return attributes.joined(separator: "; ")
    }

    /// Appends the `Set-Cookie` headers to a response.
    static func set(_ cookies: [String], on response: inout Response) {
        for cookie in cookies {
            response.headers.append(HTTPField(name: .setCookie, value: cookie))
        }
    }
}

extension Request {
    /// The value of the named cookie from the `Cookie` header(s).
    func cookie(named name: String) -> String? {
        for header in headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, parts[0].trimmingSpaces == name else { continue }
                let value = parts[1].trimmingSpaces
                return value.isEmpty ? nil : String(value)
            }
        }
        return nil
    }
}

extension Substring {
    /// Without leading and trailing `CharacterSet.whitespaces`, read scalar by scalar without a trip through
    /// NSString (every authenticated request reads its cookie). In ASCII that set is the space and the tab.
    var trimmingSpaces: Substring {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII ? scalar == " " || scalar == "\t" : CharacterSet.whitespaces.contains(scalar)
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else {
            return self[endIndex...]
        }
        return Substring(scalars[first...last])
    }
}
