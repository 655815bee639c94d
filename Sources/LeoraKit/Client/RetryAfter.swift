/// The `Retry-After` header as the contract sends it, whole seconds, bounded on the way in: a server
/// may send any number (`9223372036854775807`), a date or nonsense, but the client waits at most
/// `maximumSeconds` and never a negative time, so no duration or deadline computed from it overflows.
public enum RetryAfter {
    /// An hour: longer than any real rate limit (the login limiter's window is 15 minutes).
    public static let maximumSeconds = 3_600

    /// The seconds to wait, or nil when the header is absent or not a number of seconds.
    public static func seconds(fromHeader value: String?) -> Int? {
        guard let text = value?.filter({ !$0.isWhitespace }), !text.isEmpty, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber) else {
            return nil
        }
        // Too many digits for an Int is still a (very long) wait.
        return min(Int(text) ?? maximumSeconds, maximumSeconds)
    }
}
