import PortalAPI
import Testing
@testable import PortalServer

@Suite("Drill-down link filter")
struct DrillDownLinkFilterTests {
    let filter = DrillDownLinkFilter(
        orderIds: ["o_1", "o 2"], customerIds: ["c_1", "c+x"], productIds: ["p_1", "p/é"])

    @Test(arguments: [
        "/portal/orders?status=pending", "/portal/orders?status=confirmed", "/portal/orders?status=shipped",
        "/portal/orders?status=delivered", "/portal/orders?status=cancelled",
        "/portal/orders/o_1", "/portal/orders/o%202",
        "/portal/customers/c_1", "/portal/customers/c%2Bx",
        "/portal/products/p_1", "/portal/products/p%2F%C3%A9",
        "/portal/products?q=Pinot%20Noir", "/portal/products?q=A%2BB", "/portal/products?q=ros%c3%a9",
        "/portal/products?q=Chablis-2022_v.1~",
        // `+` is a literal plus (RFC 3986), not a space
        "/portal/products?q=Pinot+Noir", "/portal/customers/c+x",
    ])
    func keepsTheContractPatternsWithReadableIds(url: String) {
        #expect(filter.allows(url))
    }

    @Test(arguments: [
        // foreign ids
        "/portal/orders/o_9", "/portal/customers/c_9", "/portal/products/p_9",
        // ids of another kind
        "/portal/orders/c_1", "/portal/customers/p_1",
        // unknown statuses and extra or other query parameters
        "/portal/orders?status=lost", "/portal/orders?status=Pending", "/portal/orders?status=",
        "/portal/orders?status=pending&customerId=c_1", "/portal/orders?customerId=c_1", "/portal/orders?",
        "/portal/products?q=wine&category=red", "/portal/products?category=red", "/portal/products?q=",
        "/portal/products?q=%20", "/portal/customers/c_1?tab=orders", "/portal/products/p_1?q=x",
        // fragments, trailing slashes, bare collections, other roots, hosts, traversal
        "/portal/orders/o_1#top", "/portal/orders?status=pending#x", "/portal/orders/o_1/", "/portal/orders",
        "/portal/orders/", "/portal/products", "/portal/", "/portal", "/api/portal/orders/o_1",
        "https://evil.example/portal/orders/o_1", "//evil.example/portal/orders/o_1", "portal/orders/o_1",
        "/portal/orders/o_1/lines", "/portal/orders/../customers/c_1", "/portal/invoices/o_1", "",
        // encoding: raw space, stray or bad %, invalid UTF-8, control characters
        "/portal/products?q=Pinot Noir",
        "/portal/orders/o 2", "/portal/products?q=100%", "/portal/products?q=%2", "/portal/products?q=%zz",
        "/portal/products?q=%C3", "/portal/products?q=%FF%FE", "/portal/products?q=a%00b",
        "/portal/products?q=a=b", "/portal/products/p/é",
    ])
    func dropsEverythingElse(url: String) {
        #expect(!filter.allows(url))
    }

    @Test func filterKeepsOrderDropsBlankLabelsAndDuplicates() {
        let links = [
            AIBriefingOutput.DrillDownLink(label: "Pending", url: "/portal/orders?status=pending"),
            AIBriefingOutput.DrillDownLink(label: "Foreign", url: "/portal/orders/o_9"),
            AIBriefingOutput.DrillDownLink(label: "Customer", url: "/portal/customers/c_1"),
            AIBriefingOutput.DrillDownLink(label: "  ", url: "/portal/products/p_1"),
            AIBriefingOutput.DrillDownLink(label: "Again", url: "/portal/customers/c_1"),
        ]
        #expect(filter.filter(links).map(\.label) == ["Pending", "Customer"])
    }

    @Test func builtLinksPassTheFilter() {
        #expect(PortalLinks.productSearch("Pinot Noir+Rosé") == "/portal/products?q=Pinot%20Noir%2BRos%C3%A9")
        #expect(PortalLinks.customer(id: "c+x") == "/portal/customers/c%2Bx")
        #expect(PortalLinks.orders(status: .shipped) == "/portal/orders?status=shipped")
        for url in [
            PortalLinks.productSearch("Pinot Noir+Rosé"), PortalLinks.customer(id: "c+x"), PortalLinks.order(id: "o 2"),
            PortalLinks.product(id: "p/é"), PortalLinks.orders(status: .delivered),
        ] {
            #expect(filter.allows(url), "\(url)")
        }
    }

    @Test func encodingRoundTrips() {
        let text = "Château d'Yquem 1er Cru + 50% / ~ok"
        #expect(PortalLinkEncoding.strictDecode(PortalLinkEncoding.encode(text)) == text)
        #expect(PortalLinkEncoding.encode("a+b c") == "a%2Bb%20c")
    }

    @Test func datasetFilterAllowsTheDatasetsIds() {
        let dataset = InsightFixtures.richDataset()
        let filter = DrillDownLinkFilter(dataset: dataset)
        #expect(filter.allows("/portal/customers/c_slow"))
        #expect(filter.allows("/portal/orders/o_cancelled"))
        #expect(filter.allows("/portal/products/p_4"))
        #expect(!filter.allows("/portal/customers/c_other"))
    }
}
