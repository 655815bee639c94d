import LeoraKit

/// How quantities and units are written: `case of 12`, `3 cs (36 btl)`, `3 btl`.
public enum UnitText {
    public static func unit(_ unit: String, packSize: Int?) -> String {
        if unit == "case" { return packSize.map { "case of \($0)" } ?? "case" }
        return unit
    }

    public static func quantity(_ quantity: Int, unit: String, packSize: Int?) -> String {
        switch unit {
        case "case":
            guard let packSize, packSize > 0 else { return "\(quantity) cs" }
            return "\(quantity) cs (\(quantity.saturatingMultiplying(packSize)) btl)"
        case "bottle": return "\(quantity) btl"
        default: return "\(quantity) \(unit)"
        }
    }
}
