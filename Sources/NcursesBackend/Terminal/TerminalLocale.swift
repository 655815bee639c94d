#if canImport(Glibc)
import Glibc
#endif

/// The process locale, which ncursesw needs to be UTF-8 to read and write wide characters.
public enum TerminalLocale {
    /// `setlocale(LC_ALL, "")` (the user's locale from the environment), then a clear error
    /// unless its character set is UTF-8. Call before anything else touches the terminal.
    public static func adoptUserLocale() throws(TerminalError) {
        setlocale(LC_ALL, "")
        let codeset = nl_langinfo(nl_item(CODESET)).map { String(cString: $0) } ?? ""
        guard isUTF8(codeset: codeset) else { throw .localeNotUTF8(codeset: codeset.isEmpty ? "an unknown character set" : codeset) }
    }

    static func isUTF8(codeset: String) -> Bool {
        let normalized = codeset.lowercased().filter { $0 != "-" }
        return normalized == "utf8"
    }
}
