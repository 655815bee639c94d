import Testing

@testable import LeoraKit

/// Money in minor units, written with its currency: symbols, grouping, minor digits, sign.
@Suite struct MoneyTests {
    @Test(arguments: [
        (0, "USD", "$0.00"), (5, "USD", "$0.05"), (123_456_789, "USD", "$1,234,567.89"), (100_000, "usd", "$1,000.00"),
        (-100_050, "eur", "-€1,000.50"), (1_200, "JPY", "¥1,200"), (1_200, "jpy", "¥1,200"), (999, "KRW", "KRW 999"),
        (3_225_700, "NOK", "NOK 32,257.00"), (-1, "GBP", "-£0.01"), (Int.min, "USD", "-$92,233,720,368,547,758.08"),
        (100, "Cad", "CA$1.00"), (100, "ÉUR", "ÉUR 1.00"),
    ])
    func formats(cents: Int, currency: String, expected: String) {
        #expect(Money.format(cents, currency: currency) == expected)
    }
}
