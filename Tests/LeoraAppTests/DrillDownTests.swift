import Testing

@testable import LeoraApp

@Suite struct DrillDownTests {
    @Test func theContractsPathsOpenTheirPanes() {
        #expect(DrillDown(url: "/portal/orders?status=pending") == .orders(status: .pending))
        #expect(DrillDown(url: "/portal/orders/ord_42") == .order(id: "ord_42"))
        #expect(DrillDown(url: "/portal/customers/cus_7") == .customer(id: "cus_7", name: nil))
        #expect(DrillDown(url: "/portal/products/prd_3") == .product(id: "prd_3"))
        #expect(DrillDown(url: "/portal/products?q=Rioja%20Reserva") == .productSearch("Rioja Reserva"))
        #expect(DrillDown(url: "/portal/orders/ord_42")?.tab == .orders)
        #expect(DrillDown(url: "/portal/products?q=x")?.tab == .products)
    }

    @Test func queryValuesArePercentDecodedAndAPlusStaysAPlus() {
        #expect(DrillDown(url: "/portal/products?q=C%C3%B4tes+du+Rh%C3%B4ne") == .productSearch("Côtes+du+Rhône"))
        #expect(DrillDown(url: "/portal/products?q=Smoke%20%26%20Barrel") == .productSearch("Smoke & Barrel"))
        #expect(DrillDown(url: "/portal/orders/ord%2D1") == .order(id: "ord-1"))
    }

    @Test func anythingElseStaysText() {
        for url in [
            "/portal/reports/weekly", "/portal/orders", "/portal/orders?status=lost", "/portal/products?q=", "/portal/orders/a/b",
            "https://evil.example/portal/orders/1", "portal/orders/1", "/admin/orders/1", "/portal/customers/", "/portal/orders/%2F",
        ] {
            #expect(DrillDown(url: url) == nil, "\(url)")
        }
    }
}
