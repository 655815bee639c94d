import Foundation

/// Where a pane's data stands — being fetched, why the last fetch failed, when it arrived, whether
/// it ever did — and the three things that happen to it. Every pane keeps one per thing it loads.
public struct LoadState: Sendable, Equatable {
    public var isLoading = false
    /// Why the last fetch failed; what arrived before stays shown.
    public var failure: LoadFailure?
    public var updatedAt: Date?
    /// Whether an answer ever arrived (an empty list is an answer too).
    public var hasLoaded = false

    public init() {}

    /// Whether the pane should load: it never has, and is not loading.
    public var needsLoad: Bool { !hasLoaded && !isLoading }

    public mutating func started() { isLoading = true }

    public mutating func succeeded(at date: Date) {
        isLoading = false
        failure = nil
        updatedAt = date
        hasLoaded = true
    }

    public mutating func failed(_ failure: LoadFailure) {
        isLoading = false
        self.failure = failure
    }
}
