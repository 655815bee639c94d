#if canImport(Glibc)
import Glibc
#endif

/// glibc `wcwidth`, evaluated under a private UTF-8 locale so the answer does not depend on (or
/// change) the process locale: `newlocale(LC_CTYPE_MASK, "C.UTF-8")` once, then `uselocale` around
/// each call on the calling thread, restoring the thread's previous locale. `wcwidth` is looked up
/// with `dlsym` because Glibc's Swift module does not declare it (it is an X/Open extension).
///
/// Nil answers mean "not available here" (no glibc, or no UTF-8 locale installed); callers then
/// use ``FallbackWidthTable``.
struct SystemWidth: @unchecked Sendable {
    // @unchecked: a locale object from `newlocale` is never modified or freed after creation, and
    // glibc allows any number of threads to use it at once; the function pointer is immutable.
    static let shared = SystemWidth()

    #if canImport(Glibc)
    private typealias WCWidth = @convention(c) (wchar_t) -> Int32
    private let locale: locale_t?
    private let wcwidth: WCWidth?

    private init() {
        var found: locale_t?
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.utf8"] {
            guard let candidate = newlocale(LC_CTYPE_MASK, name, nil) else { continue }
            if let codeset = nl_langinfo_l(nl_item(CODESET), candidate), String(cString: codeset) == "UTF-8" {
                found = candidate
                break
            }
            freelocale(candidate)
        }
        locale = found
        let handle = dlopen(nil, RTLD_NOW)
        if let symbol = dlsym(handle, "wcwidth") {
            wcwidth = unsafeBitCast(symbol, to: WCWidth.self)
        } else {
            wcwidth = nil
        }
    }

    /// Whether widths come from the C library (false: the built-in table is used).
    var isAvailable: Bool { locale != nil && wcwidth != nil }

    func width(of scalar: Unicode.Scalar) -> Int? {
        guard let locale, let wcwidth else { return nil }
        let previous = uselocale(locale)
        defer { if previous != nil { uselocale(previous) } }
        return Int(wcwidth(wchar_t(bitPattern: scalar.value)))
    }
    #else
    var isAvailable: Bool { false }
    func width(of scalar: Unicode.Scalar) -> Int? { nil }
    #endif
}
