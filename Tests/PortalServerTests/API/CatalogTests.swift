import Foundation
import PortalAPI
import PortalTestSupport
import Testing

@Suite("Products, inventory and customers over HTTP")
struct CatalogTests {
    @Test func productsArePagedAndSortedByLowercasedNameThenId() async throws {
        try await withServer { server in
            let client = try await server.login("rep@northwind.test")
            let first = try await client.get("\(Routes.products)?limit=100")
            #expect(first.status == 200)
            let pagination = try #require(first.json["meta"]?["pagination"])
            let total = try #require(pagination["total"]?.intValue)
            #expect(total >= 60)
            #expect(pagination["totalPages"]?.intValue == (total + 99) / 100)
            let products = try first.data(ProductsPage.self).products
            #expect(products.map(\.id) == products.sorted(by: Self.contractOrder).map(\.id))
            // The default limit is 50; pages join without overlap.
            let page1 = try await client.get(Routes.products).data(ProductsPage.self).products
            let page2 = try await client.get("\(Routes.products)?page=2").data(ProductsPage.self).products
            #expect(page1.count == 50)
            #expect(Set(page1.map(\.id)).isDisjoint(with: page2.map(\.id)))
            #expect(page1 + page2 == Array(products.prefix(page1.count + page2.count)))
            for product in products {
                #expect(["bottle", "case"].contains(product.unit))
                #expect(product.unit == "case" ? product.packSize > 1 : product.packSize == 1)
                #expect(product.inventory.available == (product.active ? max(0, product.inventory.onHand - product.inventory.reserved) : 0))
                #expect(product.currency == "USD")
            }
        }
    }

    @Test func searchMatchesNameBrandOrSkuIgnoringCase() async throws {
        try await withServer { server in
            let client = try await server.login("rep@northwind.test")
            let all = try await client.get("\(Routes.products)?limit=100").data(ProductsPage.self).products
            let sample = try #require(all.first { $0.name.unicodeScalars.contains { !$0.isASCII } } ?? all.first)
            for query in [sample.sku.lowercased(), sample.brand.uppercased(), String(sample.name.lowercased().prefix(6))] {
                let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? query
                let found = try await client.get("\(Routes.products)?limit=100&q=\(encoded)").data(ProductsPage.self).products
                #expect(found.contains { $0.id == sample.id }, "\(query) did not find \(sample.name)")
                #expect(found.allSatisfy {
                    $0.name.lowercased().contains(query.lowercased()) || $0.brand.lowercased().contains(query.lowercased())
                        || $0.sku.lowercased().contains(query.lowercased())
                })
            }
            let category = sample.category
            let inCategory = try await client.get("\(Routes.products)?limit=100&category=\(category.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
                .data(ProductsPage.self).products
            #expect(!inCategory.isEmpty && inCategory.allSatisfy { $0.category == category })
            let none = try await client.get("\(Routes.products)?q=zzzz-no-such-thing")
            #expect(none.json["meta"]?["pagination"]?["total"]?.intValue == 0)
            #expect(none.json["meta"]?["pagination"]?["totalPages"]?.intValue == 0)
        }
    }

    @Test func productDetailAndUnknownIds() async throws {
        try await withServer { server in
            let client = try await server.login("rep@northwind.test")
            let product = try #require(try await client.get(Routes.products).data(ProductsPage.self).products.first)
            #expect(try await client.get(Routes.product(product.id)).data(ProductPayload.self).product == product)
            let missing = try await client.get(Routes.product("prod_unknown"))
            #expect(missing.status == 404)
            #expect(missing.errorCode == "NOT_FOUND")
        }
    }

    @Test func inventoryReturnsKnownIdsAndValidatesTheList() async throws {
        try await withServer { server in
            let client = try await server.login("rep@northwind.test")
            let products = try await client.get(Routes.products).data(ProductsPage.self).products
            let ids = products.prefix(3).map(\.id)
            let response = try await client.get("\(Routes.inventory)?productIds=\(ids.joined(separator: ",")),prod_unknown,\(ids[0])")
            #expect(response.status == 200)
            #expect(response.json["meta"] == nil, "not paginated")
            let inventory = try response.data(InventoryList.self).inventory
            #expect(Set(inventory.map(\.productId)) == Set(ids))
            for item in inventory {
                #expect(item == products.first { $0.id == item.productId }?.inventory)
            }
            let none = try await client.get(Routes.inventory)
            #expect(none.status == 400)
            #expect(none.errorField == "productIds")
            let tooMany = (0...100).map { "p\($0)" }.joined(separator: ",")
            #expect(try await client.get("\(Routes.inventory)?productIds=\(tooMany)").status == 400)
            let exactly100 = (0..<100).map { "p\($0)" }.joined(separator: ",")
            #expect(try await client.get("\(Routes.inventory)?productIds=\(exactly100)").status == 200)
        }
    }

    @Test func customersArePagedSearchedAndShowHealth() async throws {
        try await withServer { server in
            let client = try await server.login("rep@northwind.test")
            let response = try await client.get("\(Routes.customers)?limit=100")
            let customers = try response.data(CustomersPage.self).customers
            #expect(customers.count >= 25)
            #expect(customers.allSatisfy { (0...100).contains($0.healthScore) })
            #expect(customers.contains { $0.lastOrderAt != nil })
            #expect(Set(customers.map(\.healthScore)).count > 3, "health tells a story")
            let names = customers.map { $0.name.lowercased() }
            #expect(names == names.sorted { Self.codePoints($0).lexicographicallyPrecedes(Self.codePoints($1)) })
            let withAccent = try #require(customers.first { $0.name.unicodeScalars.contains { !$0.isASCII } })
            let query = String(withAccent.name.lowercased().prefix(5)).addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let found = try await client.get("\(Routes.customers)?q=\(query)").data(CustomersPage.self).customers
            #expect(found.contains { $0.id == withAccent.id })
            #expect(try await client.get(Routes.customer(withAccent.id)).data(CustomerPayload.self).customer == withAccent)
            #expect(try await client.get(Routes.customer("cust_unknown")).status == 404)
            // lastOrderAt is always present, null when empty.
            #expect(response.json["data"]?["customers"]?.arrayValue.allSatisfy { $0["lastOrderAt"] != nil } == true)
        }
    }

    /// By lower-cased name as code points, then id as bytes.
    static func contractOrder(_ a: Product, _ b: Product) -> Bool {
        let left = codePoints(a.name.lowercased())
        let right = codePoints(b.name.lowercased())
        return left == right ? Array(a.id.utf8).lexicographicallyPrecedes(Array(b.id.utf8)) : left.lexicographicallyPrecedes(right)
    }

    static func codePoints(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }
}
