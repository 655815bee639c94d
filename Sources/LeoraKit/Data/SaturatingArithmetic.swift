/// Arithmetic on numbers that came from a server, which stops at `Int.min`/`Int.max` instead of
/// trapping: a cart line at the largest quantity plus one stays the largest quantity.
extension Int {
    public func saturatingAdding(_ other: Int) -> Int {
        let (result, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : result
    }

    public func saturatingMultiplying(_ other: Int) -> Int {
        let (result, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? ((self < 0) == (other < 0) ? .max : .min) : result
    }
}

extension Sequence<Int> {
    /// The sum, saturating.
    public func saturatingSum() -> Int { reduce(0) { $0.saturatingAdding($1) } }
}
