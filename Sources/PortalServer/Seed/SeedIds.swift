/// Construction of the seed data's opaque ids, e.g. `prod_nw_0001`.
enum SeedIds {
    /// `kind_code_NNNN`, the number zero-padded to at least `width` digits.
    static func make(_ kind: String, _ code: String, _ number: Int, width: Int) -> String {
        kind + "_" + code + "_" + zeroPadded(number, width: width)
    }

    /// `number` in decimal, left-padded with zeros to at least `width` digits.
    static func zeroPadded(_ number: Int, width: Int) -> String {
        let digits = String(number)
        guard digits.count < width else { return digits }
        return String(repeating: "0", count: width - digits.count) + digits
    }
}
