/// The customer lists of the demo tenants, each with its ordering rhythm.
///
/// Northwind's main rep (`rep@northwind.test`) has weekly, twice-weekly, fortnightly and
/// monthly accounts, four lapsing ones (regular until 42–60 days ago, silent since), two
/// accelerating ones and one opened three months ago; `rep2@northwind.test` has five
/// accounts of their own.
enum DemoCustomers {
    static let northwind: [SeedCustomerProfile] = {
        let rep = DemoAccounts.northwindRep
        let rep2 = DemoAccounts.northwindRep2
        return [
            SeedCustomerProfile("Brasserie Mélisande", "Chicago", .restaurant, .steady(everyDays: 7), rep: rep),
            SeedCustomerProfile("Zürich Weinstube", "Evanston", .restaurant, .steady(everyDays: 14), rep: rep,
                            specialty: [.whiteWine, .redWine, .sparklingWine, .brandy]),
            SeedCustomerProfile("居酒屋 さくら", "Chicago", .bar, .steady(everyDays: 7), rep: rep,
                            specialty: [.whisky, .gin, .whiteWine, .sparklingWine]),
            SeedCustomerProfile("Таверна Одеса", "Chicago", .restaurant,
                            .lapsing(everyDays: 7, stoppedDaysAgo: 48), rep: rep,
                            specialty: [.vodka, .redWine, .whiteWine, .brandy]),
            SeedCustomerProfile("Ελληνική Ταβέρνα", "Chicago", .restaurant, .steady(everyDays: 30), rep: rep),
            SeedCustomerProfile("Bodega Peñalver", "Chicago", .bar, .accelerating(fromDays: 35, toDays: 4), rep: rep,
                            specialty: [.redWine, .sparklingWine, .roseWine, .brandy, .gin]),
            SeedCustomerProfile("Lakeshore Grand Hotel", "Chicago", .hotel, .steady(everyDays: 3.5), rep: rep),
            SeedCustomerProfile("Fulton Market Bottle Shop", "Chicago", .bottleShop, .steady(everyDays: 7), rep: rep),
            SeedCustomerProfile("Logan Square Liquors", "Chicago", .bottleShop, .steady(everyDays: 3.5), rep: rep),
            SeedCustomerProfile("Velvet Room Cocktail Bar", "Chicago", .bar, .steady(everyDays: 3.5), rep: rep),
            SeedCustomerProfile("Café Dürer", "Oak Park", .restaurant, .steady(everyDays: 14), rep: rep),
            SeedCustomerProfile("Osteria Nonna Giulia", "Naperville", .restaurant, .steady(everyDays: 7), rep: rep),
            SeedCustomerProfile("Smoke & Barrel BBQ", "Naperville", .bar, .steady(everyDays: 14), rep: rep,
                            specialty: [.whisky, .rum]),
            SeedCustomerProfile("Wicker Park Wine Bar", "Chicago", .restaurant, .steady(everyDays: 7), rep: rep),
            SeedCustomerProfile("Hôtel Lumière", "Chicago", .hotel, .steady(everyDays: 7), rep: rep),
            SeedCustomerProfile("Lakeview Spirits & Wine", "Chicago", .bottleShop, .steady(everyDays: 14), rep: rep),
            SeedCustomerProfile("Trattoria Sant'Ambrogio", "Evanston", .restaurant,
                            .lapsing(everyDays: 14, stoppedDaysAgo: 55), rep: rep),
            SeedCustomerProfile("Taquería El Güero", "Chicago", .bar, .steady(everyDays: 7), rep: rep,
                            specialty: [.tequila, .mezcal, .liqueur]),
            SeedCustomerProfile("North Shore Country Club", "Glencoe", .hotel, .steady(everyDays: 30), rep: rep),
            SeedCustomerProfile("Milwaukee Avenue Tap", "Chicago", .bar,
                            .lapsing(everyDays: 7, stoppedDaysAgo: 42), rep: rep),
            SeedCustomerProfile("Le Petit Bouchon", "Milwaukee", .restaurant, .steady(everyDays: 30), rep: rep),
            SeedCustomerProfile("Bistro Øresund", "Chicago", .restaurant, .accelerating(fromDays: 21, toDays: 7), rep: rep),
            SeedCustomerProfile("서울가든 Seoul Garden", "Chicago", .restaurant, .steady(everyDays: 14), rep: rep,
                            specialty: [.whiteWine, .vodka, .whisky]),
            SeedCustomerProfile("The Rookery Rooftop", "Chicago", .bar, .newAccount(everyDays: 7, sinceDaysAgo: 90), rep: rep),
            SeedCustomerProfile("Andersonville Cellars", "Chicago", .bottleShop, .steady(everyDays: 30), rep: rep),
            SeedCustomerProfile("Madison Street Oyster House", "Madison", .restaurant,
                            .lapsing(everyDays: 14, stoppedDaysAgo: 60), rep: rep,
                            specialty: [.whiteWine, .sparklingWine, .roseWine]),
            SeedCustomerProfile("Hotel Ardennes", "Oak Brook", .hotel, .steady(everyDays: 14), rep: rep),
            SeedCustomerProfile("Südhang Biergarten", "Chicago", .bar, .steady(everyDays: 7), rep: rep2),
            SeedCustomerProfile("Casa Ñandú", "Evanston", .restaurant, .steady(everyDays: 14), rep: rep2),
            SeedCustomerProfile("Hyde Park Wine Merchants", "Chicago", .bottleShop, .steady(everyDays: 7), rep: rep2),
            SeedCustomerProfile("The Gilded Fig", "Skokie", .restaurant, .steady(everyDays: 30), rep: rep2),
            SeedCustomerProfile("Łódź Pierogi House", "Chicago", .restaurant, .steady(everyDays: 14), rep: rep2,
                            specialty: [.vodka, .redWine, .liqueur]),
        ]
    }()

    static let fjord: [SeedCustomerProfile] = {
        let rep = DemoAccounts.fjordRep
        return [
            SeedCustomerProfile("Smørbukk Bistro", "Oslo", .restaurant, .steady(everyDays: 7), rep: rep),
            SeedCustomerProfile("Hotell Bryggen", "Bergen", .hotel, .steady(everyDays: 10), rep: rep),
            SeedCustomerProfile("Bakklandet Vinbar", "Trondheim", .restaurant, .steady(everyDays: 14), rep: rep),
            SeedCustomerProfile("Fiskerestauranten Ålesund", "Ålesund", .restaurant, .steady(everyDays: 30), rep: rep),
            SeedCustomerProfile("Tromsø Ølhall", "Tromsø", .bar, .lapsing(everyDays: 14, stoppedDaysAgo: 45), rep: rep),
            SeedCustomerProfile("Lørenskog Gjestgiveri", "Lørenskog", .hotel, .steady(everyDays: 21), rep: rep),
        ]
    }()
}
