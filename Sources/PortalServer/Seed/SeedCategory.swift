/// A product category of the seed catalogues.
///
/// The raw value is the category as the API shows it (`Product.category`); `skuPrefix`
/// starts the SKUs of the category's products.
enum SeedCategory: String, CaseIterable, Sendable {
    case redWine = "Red Wine"
    case whiteWine = "White Wine"
    case sparklingWine = "Sparkling Wine"
    case roseWine = "Rosé Wine"
    case whisky = "Whisky"
    case gin = "Gin"
    case rum = "Rum"
    case tequila = "Tequila"
    case mezcal = "Mezcal"
    case vodka = "Vodka"
    case aquavit = "Aquavit"
    case liqueur = "Liqueur"
    case brandy = "Brandy"

    /// The first letters of every SKU of the category, e.g. `RED` in `RED-101`.
    var skuPrefix: String {
        switch self {
        case .redWine: "RED"
        case .whiteWine: "WHT"
        case .sparklingWine: "SPK"
        case .roseWine: "ROS"
        case .whisky: "WSK"
        case .gin: "GIN"
        case .rum: "RUM"
        case .tequila: "TEQ"
        case .mezcal: "MEZ"
        case .vodka: "VOD"
        case .aquavit: "AQV"
        case .liqueur: "LIQ"
        case .brandy: "BRN"
        }
    }

    /// Whether the category is a wine (as opposed to a spirit or liqueur).
    var isWine: Bool {
        switch self {
        case .redWine, .whiteWine, .sparklingWine, .roseWine: true
        default: false
        }
    }
}
