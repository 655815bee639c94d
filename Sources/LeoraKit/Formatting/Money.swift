/// Amounts in minor units shown with their currency, never through floating point.
public enum Money {
    /// `$1,234.50`, `€12.00`, `NOK 1,234.50`, `¥1,200`.
    public static func format(_ cents: Int, currency: String) -> String {
        let code = uppercased(currency)
        let digits = minorDigits(code)
        let magnitude = cents.magnitude
        let unit = UInt(pow10(digits))
        let minor = digits == 0 ? "" : "." + String(magnitude % unit).leftPadded(to: digits)
        return (cents < 0 ? "-" : "") + (symbols[code] ?? code + " ") + grouped(magnitude / unit) + minor
    }

    /// The code in capitals; most come so, and are returned as they are (a table formats its money
    /// at every frame).
    private static func uppercased(_ code: String) -> String {
        code.utf8.allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") } ? code : code.uppercased()
    }

    static let symbols = ["USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CAD": "CA$", "AUD": "A$"]

    static func minorDigits(_ currency: String) -> Int {
        zeroDecimalCurrencies.contains(uppercased(currency)) ? 0 : 2
    }

    private static let zeroDecimalCurrencies: Set<String> = ["JPY", "KRW", "ISK", "CLP", "VND"]

    private static func pow10(_ exponent: Int) -> Int { (0..<exponent).reduce(1) { value, _ in value * 10 } }

    private static func grouped(_ value: UInt) -> String {
        let digits = Array(String(value).utf8)
        var result: [UInt8] = []
        result.reserveCapacity(digits.count + digits.count / 3)
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(UInt8(ascii: ",")) }
            result.append(digit)
        }
        return String(decoding: result, as: UTF8.self)
    }
}
