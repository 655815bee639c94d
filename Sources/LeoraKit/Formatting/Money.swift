/// Amounts in minor units shown with their currency, never through floating point.
public enum Money {
    /// `$1,234.50`, `€12.00`, `NOK 1,234.50`, `¥1,200`.
    public static func format(_ cents: Int, currency: String) -> String {
        let digits = minorDigits(currency)
        let negative = cents < 0
        let magnitude = cents.magnitude
        let unit = UInt(pow10(digits))
        let major = grouped(magnitude / unit)
        let minor = digits == 0 ? "" : "." + String(magnitude % unit).leftPadded(to: digits)
        let symbol = symbols[currency.uppercased()].map { $0 } ?? "\(currency.uppercased()) "
        return (negative ? "-" : "") + symbol + major + minor
    }

    static let symbols = ["USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CAD": "CA$", "AUD": "A$"]

    static func minorDigits(_ currency: String) -> Int {
        ["JPY", "KRW", "ISK", "CLP", "VND"].contains(currency.uppercased()) ? 0 : 2
    }

    private static func pow10(_ exponent: Int) -> Int { (0..<exponent).reduce(1) { value, _ in value * 10 } }

    private static func grouped(_ value: UInt) -> String {
        let digits = Array(String(value))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }
}
