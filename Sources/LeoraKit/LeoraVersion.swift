import PortalAPI

/// The client's version (in `User-Agent`, `--version`, and the query cache's buster).
public enum LeoraVersion {
    public static let current = "0.1.0"
    /// Cached data is discarded when either the app or the contract it was built for changes.
    public static let cacheBuster = "leora-\(current)+contract-\(Wire.contractVersion)"
}
