/// Money as briefing text: integer minor units plus an ISO 4217 code, no locale involved
/// (`$1,234.56`, `€12.00`, `¥1,200`, `CHF 45.10`).
enum BriefingMoney {
    private static let symbols: [String: String] = ["USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"]
    private static let zeroDecimal: Set<String> = [
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV",
        "XAF", "XOF", "XPF",
    ]
    private static let threeDecimal: Set<String> = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]

    /// Digits after the decimal point for `currency`.
    static func minorDigits(_ currency: String) -> Int {
        let code = currency.uppercased()
        if zeroDecimal.contains(code) { return 0 }
        if threeDecimal.contains(code) { return 3 }
        return 2
    }

    static func format(cents: Int, currency: String) -> String {
        let code = currency.uppercased()
        let digits = minorDigits(code)
        var divisor = 1
        for _ in 0..<digits { divisor *= 10 }
        let magnitude = cents.magnitude
        let major = magnitude / UInt(divisor)
        let minor = magnitude % UInt(divisor)

        var groups: [String] = []
        var rest = major
        repeat {
            let group = rest % 1000
            rest /= 1000
            groups.insert(rest > 0 ? pad(group, to: 3) : String(group), at: 0)
        } while rest > 0
        var number = groups.joined(separator: ",")
        if digits > 0 { number += "." + pad(minor, to: digits) }

        let sign = cents < 0 ? "-" : ""
        if let symbol = symbols[code] { return sign + symbol + number }
        return sign + (code.isEmpty ? "" : code + " ") + number
    }

    private static func pad(_ value: UInt, to width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
