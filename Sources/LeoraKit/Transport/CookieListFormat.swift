#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// libcurl's cookie export/import format (`CURLINFO_COOKIELIST` / `CURLOPT_COOKIELIST`): the
/// Netscape cookie-file line `domain, includeSubdomains, path, secure, expiry, name, value`,
/// tab-separated, expiry in Unix seconds (0 for a session cookie), `#HttpOnly_` before the domain.
extension StoredCookie {
    private static let httpOnlyPrefix = "#HttpOnly_"

    /// Parses one line; `nil` for a comment, a blank line or a malformed one.
    init?(netscapeLine line: String) {
        var domain = Substring(line)
        var httpOnly = false
        if domain.hasPrefix(Self.httpOnlyPrefix) {
            httpOnly = true
            domain = domain.dropFirst(Self.httpOnlyPrefix.count)
        } else if domain.hasPrefix("#") {
            return nil
        }
        let fields = domain.split(separator: "\t", omittingEmptySubsequences: false)
        // A cookie with an empty value may come without its last field.
        guard fields.count == 7 || fields.count == 6, let expiry = Int64(fields[4]) else { return nil }
        var host = fields[0]
        if host.hasPrefix(".") { host = host.dropFirst() }
        self.init(
            domain: String(host),
            path: String(fields[2]),
            name: String(fields[5]),
            value: fields.count == 7 ? String(fields[6]) : "",
            secure: fields[3].uppercased() == "TRUE",
            httpOnly: httpOnly,
            expires: expiry == 0 ? nil : Date(timeIntervalSince1970: TimeInterval(expiry)),
            includeSubdomains: fields[1].uppercased() == "TRUE")
    }

    /// The line libcurl imports; `nil` when a field holds a tab or a line break (it could not round-trip).
    var netscapeLine: String? {
        let fields = [domain, path, name, value]
        guard !domain.isEmpty, !name.isEmpty,
            !fields.contains(where: { $0.contains { $0 == "\t" || $0 == "\n" || $0 == "\r" } })
        else { return nil }
        var expiry: Int64 = 0
        if let expires {
            // 0 means "session cookie", so a real expiry is at least 1.
            expiry = max(1, Int64(expires.timeIntervalSince1970.rounded(.down)))
        }
        let prefix = (httpOnly ? Self.httpOnlyPrefix : "") + (includeSubdomains && !domain.hasPrefix(".") ? "." : "")
        return [
            prefix + domain, includeSubdomains ? "TRUE" : "FALSE", path, secure ? "TRUE" : "FALSE", String(expiry), name, value,
        ].joined(separator: "\t")
    }
}
