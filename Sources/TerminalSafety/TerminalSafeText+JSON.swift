extension TerminalSafeText {
    /// `json` (an encoder's output) with every code point from DEL up that ``treatment(of:)`` does not keep
    /// written as a `\uXXXX` escape, so a script's terminal never sees a raw C1 control or bidirectional
    /// override while the decoded strings stay exactly the same. C0 controls are left alone: encoders
    /// already escape them inside strings, and outside strings they are the document's own whitespace.
    ///
    /// Outside its strings a JSON document is ASCII, so every code point changed here is inside a string.
    public static func escapingUnsafeCharacters(inJSON json: String) -> String {
        guard !json.unicodeScalars.allSatisfy({ $0.value < 0x7F || treatment(of: $0) == .kept }) else { return json }
        var result = ""
        result.reserveCapacity(json.utf8.count + 16)
        for scalar in json.unicodeScalars {
            if scalar.value >= 0x7F, treatment(of: scalar) != .kept {
                // Every such code point is in the Basic Multilingual Plane: one escape, never a surrogate pair.
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
